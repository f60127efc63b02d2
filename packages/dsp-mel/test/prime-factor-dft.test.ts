import { describe, expect, it } from 'vitest';
import { melSpectrogramWithBackend } from '../src/index';
import { melSetup } from '../src/mel-setup';
import { nativeAddon } from '../src/native-backend';
import { primeFactorTables } from '../src/prime-factor-tables';
import { loadCases, maxAbsDiff } from './fixtures';

const addon = nativeAddon()!;
const setup = melSetup(44100);

function melPower(
  x: Float32Array,
  frames: number,
  prime: boolean,
): Float64Array {
  const fb = setup.filterbank;
  const out = new Float64Array(128 * frames);
  const args = [
    x,
    setup.nFft,
    setup.hop,
    frames,
    setup.window,
    fb.start,
    fb.length,
    fb.offset,
    fb.weights,
    out,
    0,
    false,
  ] as const;
  if (prime) addon.melPower(...args, setup.primeFactorTables);
  else addon.melPower(...args);
  return out;
}

function signal(n: number, seed: number): Float32Array {
  let s = seed;
  const rnd = () =>
    ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return Float32Array.from(
    { length: n },
    (_, i) =>
      0.4 * Math.sin(i * 0.037) * Math.exp(-i / 40000) +
      0.05 * Math.sin(i * 0.9) +
      1e-4 * rnd(),
  );
}

describe('prime-factor DFT (backend fast at 44.1 kHz)', () => {
  it('applies to n_fft = 1102 = 2·19·29 only among the usual rates', () => {
    expect(Array.from(primeFactorTables(1102)!.subarray(0, 2))).toEqual([
      19, 29,
    ]);
    for (const n of [1200, 551, 400, 800, 2205, 2400])
      expect(primeFactorTables(n)).toBeUndefined();
  });

  it('gives FFTW’s mel power to 1e-11 relative in every band within 100 dB of the peak', () => {
    const x = signal(44100 * 2, 11);
    const frames = 201;
    const a = melPower(x, frames, false);
    const b = melPower(x, frames, true);
    const peak = Math.max(...a);
    let worst = 0;
    let differ = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) differ++;
      if (a[i]! > peak * 1e-10)
        worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / a[i]!);
    }
    console.log(
      `[prime-factor] float64 mel power: ${differ}/${a.length} values differ from FFTW, max rel ${worst.toExponential(2)}`,
    );
    expect(differ).toBeGreaterThan(0); // it really is a different algorithm …
    expect(worst).toBeLessThan(1e-11); // … with the same result to float64 rounding
  });

  it('gives each frame the same bits whichever vector lane and batch it falls in', () => {
    const x = signal(44100, 3);
    const shifted = new Float32Array(x.length + setup.hop);
    shifted.set(x, setup.hop);
    const frames = 99;
    const a = melPower(x, frames, true);
    const b = melPower(shifted, frames + 1, true);
    // Frame t of x and frame t+1 of the shifted signal see the same samples (away from the edges).
    for (let t = 2; t < frames - 2; t++)
      for (let m = 0; m < 128; m++)
        expect(b[m * (frames + 1) + t + 1]).toBe(a[m * frames + t]);
  });

  it('agrees with the fftw backend on the librosa fixtures to float32 rounding', () => {
    for (const c of loadCases().filter((x) => x.sampleRate === 44100)) {
      const fast = melSpectrogramWithBackend(c.channels, 44100, {
        backend: 'fast',
      });
      const fftw = melSpectrogramWithBackend(c.channels, 44100, {
        backend: 'fftw',
      });
      expect([fast.backend, fftw.backend]).toEqual(['fast', 'fftw']);
      let differ = 0;
      for (let i = 0; i < fast.mel.data.length; i++)
        if (fast.mel.data[i] !== fftw.mel.data[i]) differ++;
      console.log(
        `[prime-factor] ${c.name}: ${differ}/${fast.mel.data.length} float32 values differ from fftw`,
      );
      expect(maxAbsDiff(fast.mel.data, fftw.mel.data)).toBeLessThanOrEqual(
        2e-5,
      );
    }
  });

  it('refuses tables that do not describe the n_fft', () => {
    const fb = setup.filterbank;
    const bad = primeFactorTables(1102)!.slice();
    bad[0] = 17;
    expect(() =>
      addon.melPower(
        new Float32Array(4000),
        1102,
        441,
        10,
        setup.window,
        fb.start,
        fb.length,
        fb.offset,
        fb.weights,
        new Float64Array(1280),
        0,
        false,
        bad,
      ),
    ).toThrow(/dftTables do not describe/);
  });
});
