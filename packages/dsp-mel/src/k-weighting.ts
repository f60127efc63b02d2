/** One biquad normalised by its a0: b0, b1, b2, a1, a2. */
export interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/**
 * pyloudnorm's K-weighting for any rate (spec §B.2): two RBJ cookbook biquads (4 dB high shelf at
 * 1500 Hz, Q 1/√2; high pass at 38 Hz, Q 0.5) — deliberately not the ITU table, which reads ~0.04 LU
 * higher.
 */
export function kWeighting(
  sampleRate: number,
): [shelf: Biquad, highPass: Biquad] {
  return [
    highShelf(4.0, 1 / Math.sqrt(2.0), 1500.0, sampleRate),
    highPass(0.5, 38.0, sampleRate),
  ];
}

function highShelf(
  gainDb: number,
  q: number,
  fc: number,
  rate: number,
): Biquad {
  const A = 10 ** (gainDb / 40.0);
  const w0 = 2.0 * Math.PI * (fc / rate);
  const alpha = Math.sin(w0) / (2.0 * q);
  const cw = Math.cos(w0);
  const b0 = A * (A + 1 + (A - 1) * cw + 2 * Math.sqrt(A) * alpha);
  const b1 = -2 * A * (A - 1 + (A + 1) * cw);
  const b2 = A * (A + 1 + (A - 1) * cw - 2 * Math.sqrt(A) * alpha);
  const a0 = A + 1 - (A - 1) * cw + 2 * Math.sqrt(A) * alpha;
  const a1 = 2 * (A - 1 - (A + 1) * cw);
  const a2 = A + 1 - (A - 1) * cw - 2 * Math.sqrt(A) * alpha;
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}

function highPass(q: number, fc: number, rate: number): Biquad {
  const w0 = 2.0 * Math.PI * (fc / rate);
  const alpha = Math.sin(w0) / (2.0 * q);
  const cw = Math.cos(w0);
  const b0 = (1 + cw) / 2;
  const b1 = -(1 + cw);
  const b2 = (1 + cw) / 2;
  const a0 = 1 + alpha;
  const a1 = -2 * cw;
  const a2 = 1 - alpha;
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}
