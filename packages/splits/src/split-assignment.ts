import { createHash } from 'node:crypto';
import { sampleWithoutReplacement } from '@vstds/reader';
import { SplitRatioError } from './errors';

export const SPLIT_NAMES = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** Fractions of the rows held out for validation and test; the rest is train. */
export interface SplitRatios {
  val: number;
  test: number;
}

/** Which split each row (by global id) belongs to, and the sorted ids of each split. */
export interface SplitAssignment {
  total: number;
  seed: number | bigint;
  ratios: SplitRatios;
  /** Ascending global ids per split. */
  ids: Record<SplitName, Float64Array>;
}

/** The assignment rule's name, recorded in the manifest so readers know how to reproduce it. */
export const SPLIT_ALGORITHM = 'vstds-split-v1';

/**
 * The rule (documented in the README, recorded in the manifest as `vstds-split-v1`):
 * n_test = round(N · test), n_val = round(N · val); the first n_test + n_val draws of the reader's
 * seeded permutation (splitmix64 + Fisher–Yates, as `getRandomSamples`) are test then val, every other
 * row is train. Ids within a split are ascending, so a split file reads chunk files front to back.
 */
export function assignSplits(total: number, ratios: SplitRatios, seed: number | bigint): SplitAssignment {
  for (const key of ['val', 'test'] as const) {
    const v = ratios[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v >= 1) {
      throw new SplitRatioError(`--${key}: expected a fraction in [0, 1), got ${String(v)}`);
    }
  }
  const nTest = Math.round(total * ratios.test);
  const nVal = Math.round(total * ratios.val);
  const nTrain = total - nTest - nVal;
  if (nTrain < 1) {
    throw new SplitRatioError(
      `--val ${ratios.val} and --test ${ratios.test} leave ${nTrain} of ${total} rows for train (val ${nVal}, test ${nTest}); ` +
        'expected at least one train row: lower --val/--test',
    );
  }
  const drawn = sampleWithoutReplacement(total, nTest + nVal, seed);
  const membership = new Uint8Array(total); // 0 train, 1 val, 2 test
  drawn.forEach((id, k) => (membership[id] = k < nTest ? 2 : 1));
  const ids = { train: new Float64Array(nTrain), val: new Float64Array(nVal), test: new Float64Array(nTest) };
  const at = [0, 0, 0];
  const order = [ids.train, ids.val, ids.test];
  for (let id = 0; id < total; id++) {
    const s = membership[id]!;
    order[s]![at[s]!++] = id;
  }
  return { total, seed, ratios, ids };
}

/** sha256 of a split's ids as little-endian int64: a short fingerprint for the manifest. */
export function idsSha256(ids: Float64Array): string {
  const b = new BigInt64Array(ids.length);
  ids.forEach((v, i) => (b[i] = BigInt(v)));
  return createHash('sha256').update(new Uint8Array(b.buffer)).digest('hex');
}
