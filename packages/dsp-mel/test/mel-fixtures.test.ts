import { describe, expect, it } from 'vitest';
import {
  fftBackendInfo,
  melSpectrogramWithBackend,
  type FftBackendName,
} from '../src/index';
import { loadCases, maxAbsDiff } from './fixtures';

const cases = loadCases();
const TOL_DB = 1e-4;

describe.each<FftBackendName>(['fast', 'fftw', 'portable'])(
  'melSpectrogram vs librosa 0.11.0 fixtures, %s backend',
  (backend) => {
    it.each(cases.map((c) => [c.name, c] as const))(
      '%s: max |Δ| ≤ 1e-4 dB',
      (_name, c) => {
        const { mel, backend: used } = melSpectrogramWithBackend(
          c.channels,
          c.sampleRate,
          { backend },
        );
        expect(used).toBe(backend);
        expect([mel.channels, mel.mels, mel.frames]).toEqual(c.melShape);
        const delta = maxAbsDiff(mel.data, c.mel);
        console.log(
          `[mel ${backend}] ${c.name}: max |Δ| = ${delta.toExponential(3)} dB`,
        );
        expect(delta).toBeLessThanOrEqual(TOL_DB);
      },
    );
  },
);

describe('backend selection', () => {
  it('auto picks the native fast path here (the addon is built by tools/setup/40-native.sh)', () => {
    const info = fftBackendInfo();
    expect(info.fastAvailable).toBe(true);
    expect(info.active).toBe('fast');
  });

  it('fast and portable agree to float32 rounding on the same signal', () => {
    const c = cases.find((x) => x.name === 'saw_decay_44100')!;
    const a = melSpectrogramWithBackend(c.channels, c.sampleRate, {
      backend: 'fast',
    }).mel.data;
    const b = melSpectrogramWithBackend(c.channels, c.sampleRate, {
      backend: 'portable',
    }).mel.data;
    expect(maxAbsDiff(a, b)).toBeLessThan(2e-5);
  });
});
