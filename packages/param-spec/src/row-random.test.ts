import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RowKeyError } from './errors';
import { RowRng, rowRandom } from './row-random';

describe('RowRng (splitmix64)', () => {
  it('matches the published splitmix64 sequence for state 0', () => {
    const rng = new RowRng(0n);
    expect([rng.nextUint64(), rng.nextUint64(), rng.nextUint64()]).toEqual([
      0xe220a8397b1dcdafn,
      0x6e789e6aa1b965f4n,
      0x06c45d188009454fn,
    ]);
  });

  it('seeds from the first 8 bytes of SHA-256("seed:index:attempt"), big-endian', () => {
    const first = BigInt('0x' + createHash('sha256').update('42:0:0').digest('hex').slice(0, 16));
    expect(rowRandom({ seed: 42, index: 0, attempt: 0 }).nextUint64()).toBe(new RowRng(first).nextUint64());
  });

  it('pins the stream of seed 42, row 0, attempt 0', () => {
    const rng = rowRandom({ seed: 42, index: 0, attempt: 0 });
    expect([rng.nextUint64(), rng.nextUint64()]).toEqual([17024320774448871540n, 8139071462491736498n]);
    const f = rowRandom({ seed: 42, index: 0, attempt: 0 }).nextFloat();
    expect(f).toBe(Number(17024320774448871540n >> 11n) / 2 ** 53);
  });

  it('gives different streams for different seeds, rows and attempts', () => {
    const first = (seed: number, index: number, attempt: number) => rowRandom({ seed, index, attempt }).nextUint64();
    const values = new Set([first(1, 0, 0), first(2, 0, 0), first(1, 1, 0), first(1, 0, 1)]);
    expect(values.size).toBe(4);
  });

  it('nextFloat stays in [0, 1) and nextInt covers min..max inclusive', () => {
    const rng = rowRandom({ seed: 3, index: 3, attempt: 0 });
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const f = rng.nextFloat();
      expect(f >= 0 && f < 1).toBe(true);
      seen.add(rng.nextInt(5, 9));
    }
    expect([...seen].sort()).toEqual([5, 6, 7, 8, 9]);
  });

  it('rejects negative, fractional or unsafe keys, naming the field', () => {
    expect(() => rowRandom({ seed: -1, index: 0, attempt: 0 })).toThrow(RowKeyError);
    expect(() => rowRandom({ seed: 1, index: 0.5, attempt: 0 })).toThrow(/index: expected a non-negative safe integer, found 0.5/);
    expect(() => rowRandom({ seed: 2 ** 60, index: 0, attempt: 0 })).toThrow(/seed/);
  });
});
