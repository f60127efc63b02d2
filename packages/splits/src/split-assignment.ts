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
  /** Rows per assignment block (1 up to 4096 rows; a power of two above). */
  blockRows: number;
  /** Ascending global ids per split. */
  ids: Record<SplitName, Float64Array>;
}

/**
 * At most this many blocks are shuffled. Each run of consecutive rows becomes one block in a split
 * file's virtual-dataset mapping, which HDF5 decodes whenever the dataset is opened: row-level
 * assignment of 1M rows gives ~160k blocks and seconds per open; 4096 blocks keep it milliseconds.
 * Rows are independent draws (seed, global id), so assigning runs of rows loses nothing.
 */
export const MAX_SPLIT_BLOCKS = 4096;

/** Rows per block: 1 for datasets up to MAX_SPLIT_BLOCKS rows, else the smallest power of two that fits. */
export function splitBlockRows(total: number): number {
  let b = 1;
  while (Math.ceil(total / b) > MAX_SPLIT_BLOCKS) b *= 2;
  return b;
}

/** The assignment rule's name, recorded in the manifest so readers know how to reproduce it. */
export const SPLIT_ALGORITHM = 'vstds-split-v1';

/**
 * The rule (documented in the README, recorded in the manifest as `vstds-split-v1`): rows are cut
 * into B = splitBlockRows(N) row blocks (B = 1 up to 4096 rows); of the K = ceil(N / B) blocks,
 * k_test = round(K · test) and k_val = round(K · val); the first k_test + k_val draws of the reader's
 * seeded permutation of the blocks (splitmix64 + Fisher–Yates, as `getRandomSamples`) are test then
 * val, every other block is train. Ids within a split are ascending, so a split file reads chunk files
 * front to back.
 */
export function assignSplits(total: number, ratios: SplitRatios, seed: number | bigint): SplitAssignment {
  for (const key of ['val', 'test'] as const) {
    const v = ratios[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v >= 1) {
      throw new SplitRatioError(`--${key}: expected a fraction in [0, 1), got ${String(v)}`);
    }
  }
  const blockRows = splitBlockRows(total);
  const blocks = Math.ceil(total / blockRows);
  const kTest = Math.round(blocks * ratios.test);
  const kVal = Math.round(blocks * ratios.val);
  if (blocks - kTest - kVal < 1) {
    const rows = (k: number) => Math.min(total, k * blockRows);
    throw new SplitRatioError(
      `--val ${ratios.val} and --test ${ratios.test} leave ${total - rows(kVal) - rows(kTest)} ` +
        `of ${total} rows for train (val ${rows(kVal)}, test ${rows(kTest)}); expected at least one train row: lower --val/--test`,
    );
  }
  const drawn = sampleWithoutReplacement(blocks, kTest + kVal, seed);
  const membership = new Uint8Array(blocks); // 0 train, 1 val, 2 test
  drawn.forEach((b, k) => (membership[b] = k < kTest ? 2 : 1));
  const counts = [0, 0, 0];
  for (let id = 0; id < total; id++) counts[membership[Math.floor(id / blockRows)]!]!++;
  const ids = { train: new Float64Array(counts[0]!), val: new Float64Array(counts[1]!), test: new Float64Array(counts[2]!) };
  const at = [0, 0, 0];
  const order = [ids.train, ids.val, ids.test];
  for (let id = 0; id < total; id++) {
    const s = membership[Math.floor(id / blockRows)]!;
    order[s]![at[s]!++] = id;
  }
  return { total, seed, ratios, blockRows, ids };
}
/** sha256 of a split's ids as little-endian int64: a short fingerprint for the manifest. */
export function idsSha256(ids: Float64Array): string {
  const b = new BigInt64Array(ids.length);
  ids.forEach((v, i) => (b[i] = BigInt(v)));
  return createHash('sha256').update(new Uint8Array(b.buffer)).digest('hex');
}
