import { TooManyChannelsError, TooShortForLoudnessError } from './errors';
import { kWeighting, type Biquad } from './k-weighting';
import { nativeAddon, type NativeAddon } from './native-backend';
import { validateChannels, validateSampleRate } from './validate-audio';

const T_G = 0.4;
const STEP = 1.0 - 0.75;
/** BS.1770 channel weights as pyloudnorm has them (1.41, not 1.4125): L, R, C, Ls, Rs. */
const CHANNEL_GAINS = [1.0, 1.0, 1.0, 1.41, 1.41] as const;

/**
 * pyloudnorm.Meter(sr).integrated_loudness(audio.T) (spec §B): LUFS, or -Infinity when every block
 * is gated. Like pyloudnorm it does not refuse NaN/±Infinity: blocks they reach are dropped by the
 * gates (loudnessGate rejects such rows first, with reason 'non-finite').
 */
export function integratedLoudness(
  channels: Float32Array[],
  sampleRate: number,
): number {
  return integratedLoudnessWith(channels, sampleRate, nativeAddon());
}

/**
 * integratedLoudness with the K-weighting loop in the addon (same float64 operations, same bits)
 * or, with `addon` undefined, in TypeScript. Tests compare the two.
 */
export function integratedLoudnessWith(
  channels: Float32Array[],
  sampleRate: number,
  addon: NativeAddon | undefined,
): number {
  validateSampleRate(sampleRate, 'integratedLoudness');
  const n = validateChannels(channels, 'integratedLoudness');
  if (channels.length > CHANNEL_GAINS.length) {
    throw new TooManyChannelsError(
      `integratedLoudness: at most ${CHANNEL_GAINS.length} channels are supported, found ${channels.length}`,
    );
  }
  if (n < T_G * sampleRate) {
    throw new TooShortForLoudnessError(
      `integratedLoudness: audio must be at least one 400 ms block (${Math.ceil(T_G * sampleRate)} samples at ${sampleRate} Hz), found ${n} samples`,
    );
  }
  const { lo, hi } = blockBounds(n, sampleRate);
  const nBlocks = lo.length;
  // Block sums are assembled from sums over the pieces between consecutive block boundaries, which
  // the filter loop accumulates on the fly (no filtered copy of the signal is kept).
  const cuts = Array.from(
    new Set([0, n, ...lo, ...hi.map((h) => Math.min(h, n))]),
  ).sort((a, b) => a - b);
  const cutIndex = new Map(cuts.map((c, i) => [c, i]));
  const pieceSums = new Float64Array(cuts.length - 1);
  const z = channels.map(() => new Float64Array(nBlocks));
  const [shelf, hp] = kWeighting(sampleRate);
  const scale = 1.0 / (T_G * sampleRate);
  const pieceSumsB = new Float64Array(cuts.length - 1);
  const blockSums = (sums: Float64Array, zc: Float64Array) => {
    for (let j = 0; j < nBlocks; j++) {
      const from = cutIndex.get(lo[j]!)!;
      const to = cutIndex.get(Math.min(hi[j]!, n))!;
      let s = 0;
      for (let p = from; p < to; p++) s += sums[p]!;
      zc[j] = scale * s;
    }
  };
  if (addon) {
    const coeffs = Float64Array.of(
      shelf.b0,
      shelf.b1,
      shelf.b2,
      shelf.a1,
      shelf.a2,
      hp.b0,
      hp.b1,
      hp.b2,
      hp.a1,
      hp.a2,
    );
    const cutsArray = Int32Array.from(cuts);
    for (let c = 0; c < channels.length; c += 2) {
      const pair = c + 1 < channels.length;
      addon.kWeightedPieceSums(
        channels[c]!,
        pair ? channels[c + 1]! : null,
        coeffs,
        cutsArray,
        pieceSums,
        pair ? pieceSumsB : null,
      );
      blockSums(pieceSums, z[c]!);
      if (pair) blockSums(pieceSumsB, z[c + 1]!);
    }
    return gate(z);
  }
  // Channels are filtered two at a time: each biquad is latency-bound, so two independent
  // recursions in one loop run almost as fast as one.
  for (let c = 0; c < channels.length; c += 2) {
    if (c + 1 < channels.length) {
      filterEnergiesPair(
        channels[c]!,
        channels[c + 1]!,
        shelf,
        hp,
        cuts,
        pieceSums,
        pieceSumsB,
      );
      blockSums(pieceSums, z[c]!);
      blockSums(pieceSumsB, z[c + 1]!);
    } else {
      filterEnergies(channels[c]!, shelf, hp, cuts, pieceSums);
      blockSums(pieceSums, z[c]!);
    }
  }
  return gate(z);
}

/** Block boundaries exactly as pyloudnorm computes them, float64 left to right (spec §B.3). */
function blockBounds(n: number, rate: number): { lo: number[]; hi: number[] } {
  const duration = n / rate;
  const nBlocks = roundHalfEven((duration - T_G) / (T_G * STEP)) + 1;
  const lo: number[] = [];
  const hi: number[] = [];
  for (let j = 0; j < nBlocks; j++) {
    lo.push(Math.trunc(T_G * (j * STEP) * rate));
    hi.push(Math.trunc(T_G * (j * STEP + 1) * rate));
  }
  return { lo, hi };
}

/** numpy.round: ties to even. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Both K-weighting stages (scipy.signal.lfilter, transposed direct form II, zero state) cascaded per
 * sample — the same float64 operations as stage-by-stage filtering — summing y² per piece.
 */
function filterEnergies(
  x: Float32Array,
  s: Biquad,
  h: Biquad,
  cuts: number[],
  pieceSums: Float64Array,
): void {
  let z0 = 0;
  let z1 = 0;
  let u0 = 0;
  let u1 = 0;
  for (let p = 0; p + 1 < cuts.length; p++) {
    let acc = 0;
    for (let i = cuts[p]!, end = cuts[p + 1]!; i < end; i++) {
      const xi = x[i]!;
      const y = z0 + s.b0 * xi;
      z0 = z1 + xi * s.b1 - y * s.a1;
      z1 = xi * s.b2 - y * s.a2;
      const v = u0 + h.b0 * y;
      u0 = u1 + y * h.b1 - v * h.a1;
      u1 = y * h.b2 - v * h.a2;
      acc += v * v;
    }
    pieceSums[p] = acc;
  }
}

/** filterEnergies for two channels at once (identical arithmetic per channel). */
function filterEnergiesPair(
  x: Float32Array,
  x2: Float32Array,
  s: Biquad,
  h: Biquad,
  cuts: number[],
  sums: Float64Array,
  sums2: Float64Array,
): void {
  const { b0: sb0, b1: sb1, b2: sb2, a1: sa1, a2: sa2 } = s;
  const { b0: hb0, b1: hb1, b2: hb2, a1: ha1, a2: ha2 } = h;
  let z0 = 0,
    z1 = 0,
    u0 = 0,
    u1 = 0;
  let q0 = 0,
    q1 = 0,
    r0 = 0,
    r1 = 0;
  for (let p = 0; p + 1 < cuts.length; p++) {
    let acc = 0;
    let acc2 = 0;
    for (let i = cuts[p]!, end = cuts[p + 1]!; i < end; i++) {
      const xi = x[i]!;
      const xj = x2[i]!;
      const y = z0 + sb0 * xi;
      const y2 = q0 + sb0 * xj;
      z0 = z1 + xi * sb1 - y * sa1;
      q0 = q1 + xj * sb1 - y2 * sa1;
      z1 = xi * sb2 - y * sa2;
      q1 = xj * sb2 - y2 * sa2;
      const v = u0 + hb0 * y;
      const v2 = r0 + hb0 * y2;
      u0 = u1 + y * hb1 - v * ha1;
      r0 = r1 + y2 * hb1 - v2 * ha1;
      u1 = y * hb2 - v * ha2;
      r1 = y2 * hb2 - v2 * ha2;
      acc += v * v;
      acc2 += v2 * v2;
    }
    sums[p] = acc;
    sums2[p] = acc2;
  }
}

function blockLoudness(z: Float64Array[], j: number): number {
  let s = 0;
  for (let c = 0; c < z.length; c++) s += CHANNEL_GAINS[c]! * z[c]![j]!;
  return -0.691 + 10 * Math.log10(s);
}

function meanLoudness(z: Float64Array[], blocks: number[]): number {
  let s = 0;
  for (let c = 0; c < z.length; c++) {
    let m = 0;
    for (const j of blocks) m += z[c]![j]!;
    s += CHANNEL_GAINS[c]! * (m / blocks.length);
  }
  return -0.691 + 10 * Math.log10(s);
}

/** Absolute gate −70 LUFS (>=), relative gate −10 LU (strict >, and > −70), spec §B.5. */
function gate(z: Float64Array[]): number {
  const nBlocks = z[0]!.length;
  const l = Array.from({ length: nBlocks }, (_, j) => blockLoudness(z, j));
  const abs = l.flatMap((v, j) => (v >= -70 ? [j] : []));
  if (abs.length === 0) return -Infinity;
  const relative = meanLoudness(z, abs) - 10;
  const rel = l.flatMap((v, j) => (v > relative && v > -70 ? [j] : []));
  if (rel.length === 0) return -Infinity;
  return meanLoudness(z, rel);
}
