import { describe, expect, it } from 'vitest';
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
});
