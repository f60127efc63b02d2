import { describe, expect, it } from 'vitest';
import { nativeAddon } from './native-backend';
import { peakLevel } from './peak-level';

describe('peakLevel', () => {
  it('is max |sample| over every channel, negative samples included', () => {
    expect(peakLevel([Float32Array.of(0.1, -0.5, 0.2), Float32Array.of(0.3, 0.4, -0.45)])).toBe(0.5);
    expect(peakLevel([Float32Array.of(0, 0), Float32Array.of(0, 21.875)])).toBe(21.875);
    expect(peakLevel([new Float32Array(4)])).toBe(0);
  });

  it('skips NaN (the gate rejects such rows first); ±Infinity is an infinite peak', () => {
    expect(peakLevel([Float32Array.of(0.2, Number.NaN, -0.9)])).toBeCloseTo(0.9, 6);
    expect(peakLevel([Float32Array.of(0.2, Number.NEGATIVE_INFINITY)])).toBe(Number.POSITIVE_INFINITY);
  });

  it("the addon's scan gives the loop's number on long, odd-length channels with NaN and -0", () => {
    expect(nativeAddon()).toBeDefined(); // else this test would compare the loop with itself
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
    for (const n of [1, 63, 64, 65, 176_401]) {
      const chs = [0, 1].map(() => Float32Array.from({ length: n }, () => rand() * 0.8));
      chs[0]![n >> 1] = Number.NaN;
      chs[1]![0] = -0;
      let ref = 0;
      for (const ch of chs) for (const x of ch) if (Math.abs(x) > ref) ref = Math.abs(x);
      expect(peakLevel(chs)).toBe(ref);
    }
    expect(peakLevel([Float32Array.of(-0.75), Float32Array.of(0.5)])).toBe(0.75);
  });
});
