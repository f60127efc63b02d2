import { describe, expect, it } from 'vitest';
import {
  integratedLoudness,
  TooManyChannelsError,
  TooShortForLoudnessError,
} from '../src/index';
import { loadCases } from './fixtures';

const cases = loadCases();

describe('integratedLoudness vs pyloudnorm 0.2.0 fixtures', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: |Δ| ≤ 1e-3 LU (or both -inf)',
    (_name, c) => {
      const lufs = integratedLoudness(c.channels, c.sampleRate);
      console.log(
        `[lufs] ${c.name}: ${lufs} vs ${c.lufs} (Δ ${Math.abs(lufs - c.lufs)})`,
      );
      if (c.lufs === -Infinity) expect(lufs).toBe(-Infinity);
      else expect(Math.abs(lufs - c.lufs)).toBeLessThanOrEqual(1e-3);
    },
  );
});

function sine(
  n: number,
  rate: number,
  freq: number,
  amp: number,
): Float32Array {
  return Float32Array.from(
    { length: n },
    (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate),
  );
}

describe('integratedLoudness edge cases (spec §B)', () => {
  it("full-scale 997 Hz mono sine reads pyloudnorm's -3.052 LUFS, not ITU's -3.01", () => {
    const l = integratedLoudness([sine(48000 * 4, 48000, 997, 1)], 48000);
    expect(l).toBeCloseTo(-3.052, 2);
  });

  it('stereo sums channel energies: the same signal in both channels reads +3.01 dB over mono', () => {
    const s = sine(44100 * 4, 44100, 440, 0.3);
    const mono = integratedLoudness([s], 44100);
    const stereo = integratedLoudness([s, s.slice()], 44100);
    expect(stereo - mono).toBeCloseTo(10 * Math.log10(2), 9);
  });

  it('the -60 dB scaled stereo sine reads -68.64 LUFS, -66 dB reads -inf (no -70 clamp)', () => {
    const c = cases.find((x) => x.name === 'sine_44100')!;
    const scaled = (g: number) =>
      c.channels.map((ch) => ch.map((v) => v * 10 ** (g / 20)));
    expect(integratedLoudness(scaled(-60), 44100)).toBeCloseTo(c.lufs - 60, 3);
    expect(integratedLoudness(scaled(-66), 44100)).toBe(-Infinity);
  });

  it('accepts exactly one 400 ms block and refuses one sample less', () => {
    const s = sine(17640, 44100, 440, 0.5);
    expect(Number.isFinite(integratedLoudness([s], 44100))).toBe(true);
    expect(() => integratedLoudness([s.subarray(0, 17639)], 44100)).toThrow(
      TooShortForLoudnessError,
    );
    expect(() => integratedLoudness([s.subarray(0, 17639)], 44100)).toThrow(
      /17640 samples at 44100 Hz.*17639/,
    );
  });

  it('partial last block (ratio 1.5000000000000002 → 3 blocks) stays finite and below the full-block value', () => {
    const s = sine(24255, 44100, 440, 0.5);
    const l = integratedLoudness([s], 44100);
    const full = integratedLoudness([sine(44100, 44100, 440, 0.5)], 44100);
    expect(l).toBeLessThan(full);
    expect(l).toBeGreaterThan(full - 1);
  });

  it('NaN after the first second: later blocks are dropped like pyloudnorm, earlier ones decide', () => {
    const s = sine(44100 * 4, 44100, 440, 0.5);
    const clean = integratedLoudness([s.slice(0, 44100)], 44100);
    s[44100 + 4410] = NaN;
    const l = integratedLoudness([s], 44100);
    expect(Number.isFinite(l)).toBe(true);
    expect(Math.abs(l - clean)).toBeLessThan(0.05);
  });

  it('refuses more than five channels', () => {
    const ch = Array.from({ length: 6 }, () => new Float32Array(44100));
    expect(() => integratedLoudness(ch, 44100)).toThrow(TooManyChannelsError);
  });
});
