/**
 * scipy's periodic ("DFT-even") Hamming window of length n, bit-for-bit (spec §A.4): numpy.linspace
 * arithmetic for the phase and a1 = 1 - 0.54 as scipy computes it.
 */
export function hammingWindow(n: number): Float64Array {
  const w = new Float64Array(n);
  const step = (Math.PI - -Math.PI) / n;
  for (let i = 0; i < n; i++)
    w[i] = 0.54 + 0.45999999999999996 * Math.cos(i * step + -Math.PI);
  return w;
}
