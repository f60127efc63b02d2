import { describe, expect, it } from 'vitest';
import {
  ChannelLengthMismatchError,
  DspInputError,
  EmptyInputError,
  integratedLoudness,
  InvalidOptionError,
  InvalidSampleRateError,
  melSpectrogram,
  NonFiniteInputError,
} from '../src/index';

const ok = () => [new Float32Array(44100), new Float32Array(44100)];

describe.each([
  [
    'melSpectrogram',
    (ch: Float32Array[], sr: number) => melSpectrogram(ch, sr),
  ],
  [
    'integratedLoudness',
    (ch: Float32Array[], sr: number) => integratedLoudness(ch, sr),
  ],
] as const)('%s input validation', (name, fn) => {
  it('refuses mismatched channel lengths, naming both lengths', () => {
    const err = (() => {
      try {
        fn([new Float32Array(44100), new Float32Array(44099)], 44100);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ChannelLengthMismatchError);
    expect(err).toBeInstanceOf(DspInputError);
    expect((err as Error).message).toMatch(
      new RegExp(`^${name}: .*44100 samples, channels\\[1\\] has 44099`),
    );
  });

  it('refuses empty input: no channels, zero samples, non-Float32Array', () => {
    expect(() => fn([], 44100)).toThrow(EmptyInputError);
    expect(() => fn([new Float32Array(0)], 44100)).toThrow(/no samples/);
    expect(() =>
      fn([new Float64Array(10) as unknown as Float32Array], 44100),
    ).toThrow(/channels\[0\] must be a Float32Array, found Float64Array/);
  });

  it.each([0, -44100, 44100.5, NaN, Infinity])(
    'refuses sample rate %s',
    (sr) => {
      expect(() => fn(ok(), sr)).toThrow(InvalidSampleRateError);
      expect(() => fn(ok(), sr)).toThrow(/positive integer/);
    },
  );
});

describe('melSpectrogram refuses non-finite audio like librosa', () => {
  it.each([NaN, Infinity, -Infinity])('%s', (v) => {
    const ch = ok();
    ch[1]![123] = v;
    try {
      melSpectrogram(ch, 44100);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NonFiniteInputError);
      expect(e).toMatchObject({ channel: 1, index: 123 });
      expect((e as Error).message).toContain(
        `channels[1][123] is ${String(v)}`,
      );
    }
  });

  it('refuses sample rates too low for a hop of one sample', () => {
    expect(() => melSpectrogram([new Float32Array(100)], 99)).toThrow(
      InvalidSampleRateError,
    );
    expect(() => melSpectrogram([new Float32Array(100)], 99)).toThrow(/hop 0/);
  });

  it('refuses unknown options', () => {
    expect(() =>
      melSpectrogram(ok(), 44100, { dbReference: 'max' as 'global' }),
    ).toThrow(InvalidOptionError);
    expect(() =>
      melSpectrogram(ok(), 44100, { backend: 'gpu' as 'fast' }),
    ).toThrow(InvalidOptionError);
  });
});
