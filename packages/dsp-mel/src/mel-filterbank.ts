/**
 * librosa.filters.mel(sr, n_fft, n_mels=128, fmin=0, fmax=sr/2, htk=False, norm='slaney', float32),
 * stored sparse (spec §A.6): row m touches bins start[m] .. start[m]+length[m]-1, its weights sit at
 * weights[offset[m] ..]. Weights are librosa's float32 values, widened to float64 for the sums.
 */
export interface SparseMelFilterbank {
  readonly nMels: number;
  readonly nBins: number;
  readonly start: Int32Array;
  readonly length: Int32Array;
  readonly offset: Int32Array;
  readonly weights: Float64Array;
}

const F_SP = 200.0 / 3;
const MIN_LOG_HZ = 1000.0;
const MIN_LOG_MEL = (MIN_LOG_HZ - 0.0) / F_SP;
const LOGSTEP = Math.log(6.4) / 27.0;

function hzToMel(f: number): number {
  return f >= MIN_LOG_HZ
    ? MIN_LOG_MEL + Math.log(f / MIN_LOG_HZ) / LOGSTEP
    : (f - 0.0) / F_SP;
}

function melToHz(m: number): number {
  return m >= MIN_LOG_MEL
    ? MIN_LOG_HZ * Math.exp(LOGSTEP * (m - MIN_LOG_MEL))
    : 0.0 + F_SP * m;
}

export function melFilterbank(
  sampleRate: number,
  nFft: number,
  nMels: number,
): SparseMelFilterbank {
  const nBins = 1 + Math.floor(nFft / 2);
  const melMax = hzToMel(sampleRate / 2);
  const mstep = (melMax - 0.0) / (nMels + 1);
  const f = new Float64Array(nMels + 2);
  for (let i = 0; i <= nMels; i++) f[i] = melToHz(i * mstep + 0.0);
  f[nMels + 1] = melToHz(melMax);
  const binHz = 1.0 / (nFft * (1.0 / sampleRate));
  const start = new Int32Array(nMels);
  const length = new Int32Array(nMels);
  const offset = new Int32Array(nMels);
  const all: number[] = [];
  for (let m = 0; m < nMels; m++) {
    const fdLow = f[m + 1]! - f[m]!;
    const fdHigh = f[m + 2]! - f[m + 1]!;
    const enorm = 2.0 / (f[m + 2]! - f[m]!);
    let first = -1;
    let last = -1;
    const row: number[] = new Array<number>(nBins).fill(0);
    for (let k = 0; k < nBins; k++) {
      const fk = k * binHz;
      const lower = -(f[m]! - fk) / fdLow;
      const upper = (f[m + 2]! - fk) / fdHigh;
      const tri = Math.max(0, Math.min(lower, upper));
      const w = Math.fround(Math.fround(tri) * enorm);
      row[k] = w;
      if (w !== 0) {
        if (first < 0) first = k;
        last = k;
      }
    }
    offset[m] = all.length;
    if (first >= 0) {
      start[m] = first;
      length[m] = last - first + 1;
      for (let k = first; k <= last; k++) all.push(row[k]!);
    }
  }
  return {
    nMels,
    nBins,
    start,
    length,
    offset,
    weights: Float64Array.from(all),
  };
}
