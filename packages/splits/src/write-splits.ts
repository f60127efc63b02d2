import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, writeManifest } from '@vstds/hdf5-chunks';
import { type CompleteDataset, openCompleteDataset } from './dataset-chunks';
import { OutputExistsError, SplitManifestError } from './errors';
import { type NativeSource, writeVirtualFile } from './native-addon';
import { SPLIT_ALGORITHM, SPLIT_NAMES, type SplitAssignment, type SplitName, assignSplits, idsSha256 } from './split-assignment';
import { SPLIT_FILES, type SplitManifest, type SplitRecord } from './split-record';

export interface SplitOptions {
  /** Fraction of rows for validation (default 0.1). */
  val?: number;
  /** Fraction of rows for test (default 0.1). */
  test?: number;
  /** Defaults to the dataset's own seed (manifest `seed`). */
  seed?: number | bigint;
  /** Replace existing split files. */
  overwrite?: boolean;
}

export const DEFAULT_RATIOS = { val: 0.1, test: 0.1 } as const;

/** A seed from a flag or manifest: integers only (decimal strings allowed for 64-bit seeds). */
export function parseSeed(value: unknown, where: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  throw new SplitManifestError(where, 'seed', 'an integer', JSON.stringify(value) ?? String(value));
}

/**
 * Row runs of one split per chunk file: consecutive split rows from one chunk become one run
 * [src row, dst row, count], so the split file maps each chunk once.
 */
export function splitSources(ds: CompleteDataset, ids: Float64Array): NativeSource[] {
  const out: NativeSource[] = [];
  let k = 0;
  for (const c of ds.chunks) {
    const runs: number[] = [];
    const end = c.first_global_id + c.num_samples;
    while (k < ids.length && ids[k]! < end) {
      const start = k;
      while (k + 1 < ids.length && ids[k + 1] === ids[k]! + 1 && ids[k + 1]! < end) k++;
      runs.push(ids[start]! - c.first_global_id, start, k - start + 1);
      k++;
    }
    out.push({ file: c.file, rows: c.num_samples, runs: Float64Array.from(runs) });
  }
  return out;
}

/** Manifest seed → flag form: a number when exact, else the decimal string. */
function recordSeed(seed: bigint): number | string {
  return Number.isSafeInteger(Number(seed)) ? Number(seed) : seed.toString();
}

/**
 * Writes DIR/train.h5, val.h5 and test.h5 as HDF5 virtual datasets over the chunk files (relative
 * source names: the directory can move), records the split in the manifest and returns the record.
 * New files are written beside the old ones and renamed into place only when all three are done.
 */
export function writeSplits(dir: string, options: SplitOptions = {}): { record: SplitRecord; assignment: SplitAssignment; dataset: CompleteDataset } {
  const ratios = { val: options.val ?? DEFAULT_RATIOS.val, test: options.test ?? DEFAULT_RATIOS.test };
  const ds = openCompleteDataset(dir);
  const seed = options.seed !== undefined ? BigInt(options.seed) : parseSeed(ds.manifest.seed, join(dir, MANIFEST_FILE));
  const assignment = assignSplits(ds.manifest.total_samples, ratios, seed);
  const targets = SPLIT_NAMES.map((s) => join(dir, SPLIT_FILES[s]));
  const existing = targets.filter((t) => existsSync(t));
  if (existing.length > 0 && !options.overwrite) throw new OutputExistsError(existing);
  const partials = targets.map((t) => `${t}.partial`);
  try {
    SPLIT_NAMES.forEach((split, i) => writeSplitFile(ds, split, assignment, partials[i]!));
    partials.forEach((p, i) => renameSync(p, targets[i]!));
  } finally {
    for (const p of partials) rmSync(p, { force: true });
  }
  const record: SplitRecord = {
    algorithm: SPLIT_ALGORITHM,
    seed: recordSeed(seed),
    val: ratios.val,
    test: ratios.test,
    block_rows: assignment.blockRows,
    counts: { train: assignment.ids.train.length, val: assignment.ids.val.length, test: assignment.ids.test.length },
    files: { ...SPLIT_FILES },
    ids_sha256: { train: idsSha256(assignment.ids.train), val: idsSha256(assignment.ids.val), test: idsSha256(assignment.ids.test) },
  };
  const { stats: _stale, ...rest } = ds.manifest as SplitManifest;
  writeManifest(dir, { ...rest, splits: record } as SplitManifest);
  return { record, assignment, dataset: ds };
}

function writeSplitFile(ds: CompleteDataset, split: SplitName, a: SplitAssignment, out: string): void {
  const ids = a.ids[split];
  writeVirtualFile(
    out,
    ds.chunks[0]!.path,
    ids.length,
    splitSources(ds, ids),
    [
      { name: 'split', value: split },
      { name: 'num_samples', value: ids.length, integer: true },
      { name: 'split_algorithm', value: SPLIT_ALGORITHM },
      { name: 'split_seed', value: a.seed.toString() },
      { name: 'split_val', value: a.ratios.val },
      { name: 'split_test', value: a.ratios.test },
      { name: 'split_block_rows', value: a.blockRows, integer: true },
    ],
    ['chunk_index'],
  );
}
