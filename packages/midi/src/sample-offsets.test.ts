import { describe, expect, it } from 'vitest';
import { secondsToSample, toSampleOffsets } from './sample-offsets';

describe('toSampleOffsets', () => {
  it('rounds to the nearest sample where flooring would be one early', () => {
    expect(0.7 * 44100).toBeLessThan(30870); // 30869.999999999996: the reason for rounding
    expect(toSampleOffsets([{ pitch: 60, velocity: 100, start: 0.1, end: 0.7 }], 44100)).toEqual([
      { pitch: 60, velocity: 100, startSample: 4410, endSample: 30870 },
    ]);
    expect(toSampleOffsets([{ pitch: 60, velocity: 100, start: 2.3, end: 2.5 }], 48000)[0]!.startSample).toBe(110400);
  });

  it('lands every whole-sample time exactly, at several rates', () => {
    for (const sr of [22050, 44100, 48000, 96000]) {
      for (let k = 0; k < 5000; k += 7) expect(secondsToSample(k / sr, sr)).toBe(k);
    }
  });

  it('rounds half a sample up and never puts the note-off before the note-on', () => {
    expect(secondsToSample(1.5 / 1000, 1000)).toBe(2);
    expect(secondsToSample(1.4 / 1000, 1000)).toBe(1);
    const [n] = toSampleOffsets([{ pitch: 60, velocity: 1, start: 0.0012, end: 0.00121 }], 1000);
    expect(n!.endSample).toBe(n!.startSample);
  });

  it('rejects a non-positive sample rate', () => {
    expect(() => toSampleOffsets([], 0)).toThrow(/sampleRate: expected a positive number of Hz, found 0/);
  });
});
