import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  frameCount,
  melParams,
  melSpectrogram,
  melSpectrogramWithBackend,
} from '../src/index';
import { loadCases, maxAbsDiff } from './fixtures';

const cases = loadCases();
const get = (name: string) => cases.find((c) => c.name === name)!;

function minMax(x: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

describe('parameters and framing (spec §A.1, §A.3)', () => {
  it.each([
    [44100, 1102, 441, 552],
    [48000, 1200, 480, 601],
    [22050, 551, 220, 276],
    [16000, 400, 160, 201],
  ])('%i Hz: n_fft %i, hop %i, %i bins', (sr, nFft, hop, nBins) => {
    expect(melParams(sr)).toMatchObject({ nFft, hop, nBins, nMels: 128 });
  });

  it.each([
    [176400, 401],
    [176401, 401],
    [176399, 400],
    [1102, 3],
    [1000, 3],
    [551, 2],
    [300, 1],
    [1, 1],
  ])('%i samples @44.1k give %i frames, on both backends', (n, frames) => {
    expect(frameCount(n, 1102, 441)).toBe(frames);
    const sig = Float32Array.from(
      { length: n },
      (_, i) => Math.sin(i * 0.05) * 0.3 + ((i * 7919) % 13) * 0.01,
    );
    const fast = melSpectrogramWithBackend([sig], 44100, {
      backend: 'fast',
    }).mel;
    const portable = melSpectrogramWithBackend([sig], 44100, {
      backend: 'portable',
    }).mel;
    expect(fast.frames).toBe(frames);
    expect(fast.data.length).toBe(128 * frames);
    expect(maxAbsDiff(fast.data, portable.data)).toBeLessThan(2e-5);
  });
});

describe.each(['fast', 'portable'] as const)(
  'dB edge cases (spec §A.7), %s backend',
  (backend) => {
    it('exact silence gives all 0 dB, not -80', () => {
      const mel = melSpectrogram(get('silence_44100').channels, 44100, {
        backend,
      });
      expect(minMax(mel.data)).toEqual([0, 0]);
    });

    it('near-silence (1e-6 noise) is clamped by amin: output within [-0.33, 0] dB', () => {
      const [lo, hi] = minMax(
        melSpectrogram(get('near_silence_noise_44100').channels, 44100, {
          backend,
        }).data,
      );
      expect(hi).toBe(0);
      expect(lo).toBeGreaterThan(-0.34);
      expect(lo).toBeLessThan(-0.01);
    });

    it('global mode: max 0 dB over both channels, floor at -80; a silent channel sits on the floor', () => {
      const c = get('noise_44100');
      const mel = melSpectrogram(
        [c.channels[0]!, new Float32Array(c.channels[0]!.length)],
        44100,
        { backend },
      );
      const plane = 128 * mel.frames;
      expect(minMax(mel.data.subarray(0, plane))[1]).toBe(0);
      expect(minMax(mel.data.subarray(plane))).toEqual([-80, -80]);
    });

    it('per-channel mode (librosa main): each channel has its own reference; a silent channel is all 0 dB', () => {
      const c = get('noise_44100');
      const left = c.channels[0]!;
      const mel = melSpectrogram([left, new Float32Array(left.length)], 44100, {
        backend,
        dbReference: 'per-channel',
      });
      const plane = 128 * mel.frames;
      expect(minMax(mel.data.subarray(plane))).toEqual([0, 0]);
      const mono = melSpectrogram([left], 44100, { backend });
      expect(maxAbsDiff(mel.data.subarray(0, plane), mono.data)).toBe(0);
    });

    it('per-channel and global differ when channels differ in level (loud_then_quiet)', () => {
      const c = get('loud_then_quiet_44100');
      const quietRight = [c.channels[0]!, c.channels[1]!.map((v) => v * 1e-3)];
      const g = melSpectrogram(quietRight, 44100, { backend });
      const p = melSpectrogram(quietRight, 44100, {
        backend,
        dbReference: 'per-channel',
      });
      const plane = 128 * g.frames;
      expect(minMax(p.data.subarray(plane))[1]).toBe(0);
      expect(minMax(g.data.subarray(plane))[1]).toBeLessThan(-50);
    });
  },
);

describe('automatic fallback when the native addon cannot load', () => {
  afterEach(() => {
    delete process.env.VSTDS_DSP_MEL_NATIVE;
    vi.resetModules();
  });

  it('auto selects portable, explicit fast throws FftBackendUnavailableError, results still match librosa', async () => {
    vi.resetModules();
    process.env.VSTDS_DSP_MEL_NATIVE = '0';
    const m = await import('../src/index');
    const info = m.fftBackendInfo();
    expect(info).toMatchObject({
      default: 'auto',
      active: 'portable',
      fastAvailable: false,
    });
    expect(info.fastError).toMatch(/VSTDS_DSP_MEL_NATIVE=0/);
    const c = get('sine_44100');
    const r = m.melSpectrogramWithBackend(c.channels, c.sampleRate);
    expect(r.backend).toBe('portable');
    expect(maxAbsDiff(r.mel.data, c.mel)).toBeLessThanOrEqual(1e-4);
    expect(() =>
      m.melSpectrogram(c.channels, c.sampleRate, { backend: 'fast' }),
    ).toThrow(m.FftBackendUnavailableError);
    expect(() => m.setFftBackend('fast')).toThrow(/cannot be loaded/);
  });

  it('setFftBackend changes the process default', async () => {
    vi.resetModules();
    const m = await import('../src/index');
    m.setFftBackend('portable');
    expect(
      m.melSpectrogramWithBackend([new Float32Array(2000)], 44100).backend,
    ).toBe('portable');
    m.setFftBackend('auto');
    expect(
      m.melSpectrogramWithBackend([new Float32Array(2000)], 44100).backend,
    ).toBe('fast');
  });
});
