import FFT from 'fft.js';

/**
 * Exact n-point DFT power spectra of real frames via Bluestein's chirp-z on power-of-two fft.js
 * transforms (spec §A.9), float64. Two real frames share one complex transform (x1 + i·x2), so a pair
 * costs one forward and one inverse M-point FFT. Tables and scratch buffers are allocated once.
 */
export class BluesteinPowerSpectrum {
  readonly nBins: number;
  private readonly m: number;
  private readonly fft: FFT;
  private readonly chirpRe: Float64Array;
  private readonly chirpIm: Float64Array;
  /** FFT_M of b = conj(chirp), wrapped around (precomputed once per n). */
  private readonly kernel: number[];
  private readonly a: number[];
  private readonly spectrum: number[];
  private readonly y: number[];
  private readonly zRe: Float64Array;
  private readonly zIm: Float64Array;

  constructor(readonly n: number) {
    this.nBins = 1 + Math.floor(n / 2);
    let m = 2;
    while (m < 2 * n - 1) m *= 2;
    this.m = m;
    this.fft = new FFT(m);
    this.chirpRe = new Float64Array(n);
    this.chirpIm = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // Reducing i² modulo 2n in integers keeps the angle small (and the chirp exact to an ulp).
      const angle = (-Math.PI * ((i * i) % (2 * n))) / n;
      this.chirpRe[i] = Math.cos(angle);
      this.chirpIm[i] = Math.sin(angle);
    }
    const b = this.fft.createComplexArray() as number[];
    b.fill(0);
    for (let i = 0; i < n; i++) {
      b[2 * i] = this.chirpRe[i]!;
      b[2 * i + 1] = -this.chirpIm[i]!;
      if (i > 0) {
        b[2 * (m - i)] = this.chirpRe[i]!;
        b[2 * (m - i) + 1] = -this.chirpIm[i]!;
      }
    }
    this.kernel = this.fft.createComplexArray() as number[];
    this.fft.transform(this.kernel, b);
    this.a = (this.fft.createComplexArray() as number[]).fill(0);
    this.spectrum = this.fft.createComplexArray() as number[];
    this.y = this.fft.createComplexArray() as number[];
    this.zRe = new Float64Array(n);
    this.zIm = new Float64Array(n);
  }

  /** |DFT(x1)|² → p1 and |DFT(x2)|² → p2, bins 0 .. n/2. */
  powerPair(
    x1: Float64Array,
    x2: Float64Array,
    p1: Float64Array,
    p2: Float64Array,
  ): void {
    const { n, a, chirpRe, chirpIm, kernel, spectrum, y, zRe, zIm } = this;
    for (let i = 0; i < n; i++) {
      const xr = x1[i]!;
      const xi = x2[i]!;
      const wr = chirpRe[i]!;
      const wi = chirpIm[i]!;
      a[2 * i] = xr * wr - xi * wi;
      a[2 * i + 1] = xr * wi + xi * wr;
    }
    this.fft.transform(spectrum, a);
    for (let j = 0, len = 2 * this.m; j < len; j += 2) {
      const sr = spectrum[j]!;
      const si = spectrum[j + 1]!;
      const kr = kernel[j]!;
      const ki = kernel[j + 1]!;
      spectrum[j] = sr * kr - si * ki;
      spectrum[j + 1] = sr * ki + si * kr;
    }
    this.fft.inverseTransform(y, spectrum);
    for (let k = 0; k < n; k++) {
      const yr = y[2 * k]!;
      const yi = y[2 * k + 1]!;
      const wr = chirpRe[k]!;
      const wi = chirpIm[k]!;
      zRe[k] = yr * wr - yi * wi;
      zIm[k] = yr * wi + yi * wr;
    }
    // Split Z = X1 + i·X2: X1 = (Z[k] + conj Z[n-k]) / 2, X2 = (Z[k] - conj Z[n-k]) / 2i.
    for (let k = 0; k < this.nBins; k++) {
      const kk = k === 0 ? 0 : n - k;
      const ar = zRe[k]!;
      const ai = zIm[k]!;
      const br = zRe[kk]!;
      const bi = -zIm[kk]!;
      const sr = ar + br;
      const si = ai + bi;
      const dr = ar - br;
      const di = ai - bi;
      p1[k] = 0.25 * (sr * sr + si * si);
      p2[k] = 0.25 * (dr * dr + di * di);
    }
  }
}
