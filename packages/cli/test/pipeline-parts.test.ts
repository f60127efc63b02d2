import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { adaptChannels, encodeWavFloat32, orderedRows, ReorderBuffer } from '../src/index';

describe('adaptChannels', () => {
  const l = Float32Array.of(1, 0.5, -1);
  const r = Float32Array.of(0, 0.5, 1);
  it('duplicates mono for 2 channels, averages stereo for 1, drops extra outputs', () => {
    expect(adaptChannels([l], 2)).toEqual([l, l]);
    expect([...adaptChannels([l, r], 1)[0]!]).toEqual([0.5, 0.5, 0]);
    expect(adaptChannels([l, r, l], 2)).toEqual([l, r]);
    expect(adaptChannels([l], 1)).toEqual([l]);
    expect(() => adaptChannels([], 2)).toThrow(/no output channels/);
  });
});

describe('ReorderBuffer', () => {
  it('releases rows in id order only', () => {
    const b = new ReorderBuffer<string>(0);
    expect(b.push(2, 'c')).toEqual([]);
    expect(b.push(1, 'b')).toEqual([]);
    expect(b.push(0, 'a')).toEqual(['a', 'b', 'c']);
    expect(b.expected).toBe(3);
    expect(() => b.push(1, 'again')).toThrow(/already delivered/);
  });
});

describe('orderedRows', () => {
  it('emits the missing chunks\' rows in global-id order whatever the completion order, within the window', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const produce = async (id: number) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, (id * 7919) % 13));
      inFlight--;
      return id;
    };
    const missing = [
      { index: 0, file: 'a', first_global_id: 0, num_samples: 10 },
      { index: 2, file: 'c', first_global_id: 20, num_samples: 5 },
    ];
    const out = await lastValueFrom(orderedRows(missing, produce, 4).pipe(toArray()));
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, 24]);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it('fails with the first row error', async () => {
    const missing = [{ index: 0, file: 'a', first_global_id: 0, num_samples: 5 }];
    const produce = async (id: number) => {
      if (id === 3) throw new Error('row 3 failed');
      return id;
    };
    await expect(lastValueFrom(orderedRows(missing, produce, 2).pipe(toArray()))).rejects.toThrow('row 3 failed');
  });
});

describe('encodeWavFloat32', () => {
  it('writes a float WAV header and interleaved samples', () => {
    const wav = Buffer.from(encodeWavFloat32([Float32Array.of(0.25, -1), Float32Array.of(0.5, 1)], 48000));
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt16LE(20)).toBe(3);
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(wav.readUInt32LE(24)).toBe(48000);
    expect(wav.readUInt32LE(40)).toBe(16);
    expect([0, 1, 2, 3].map((i) => wav.readFloatLE(44 + 4 * i))).toEqual([0.25, 0.5, -1, 1]);
  });
});
