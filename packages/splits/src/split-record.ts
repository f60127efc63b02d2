import type { DatasetInfo } from '@vstds/hdf5-chunks';
import type { SplitName } from './split-assignment';

/** What `vstds split` records in dataset_info.json under `splits`: enough to reproduce and check it. */
export interface SplitRecord {
  algorithm: string;
  /** The seed as given (a decimal string when it does not fit a double exactly). */
  seed: number | string;
  val: number;
  test: number;
  /** Rows per assignment block (see assignSplits). */
  block_rows: number;
  counts: Record<SplitName, number>;
  files: Record<SplitName, string>;
  /** sha256 of each split's ascending global ids as little-endian int64. */
  ids_sha256: Record<SplitName, string>;
}

/** What `vstds stats` records under `stats`. */
export interface StatsRecord {
  file: string;
  split: SplitName;
  dataset: string;
  rows: number;
  shape: number[];
  /** "welford-float64, variance / (n - 1), stored float32". */
  method: string;
}

/** The manifest with this package's records. */
export type SplitManifest = DatasetInfo & { splits?: SplitRecord; stats?: StatsRecord };

export const SPLIT_FILES: Record<SplitName, string> = { train: 'train.h5', val: 'val.h5', test: 'test.h5' };
export const STATS_FILE = 'stats.npz';
