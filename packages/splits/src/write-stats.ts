import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, writeFileAtomic, writeManifest } from '@vstds/hdf5-chunks';
import { type CompleteDataset, openCompleteDataset } from './dataset-chunks';
import { OutputExistsError, SplitManifestError } from './errors';
import { welfordStats } from './native-addon';
import { npzFile } from './npz-file';
import { assignSplits, idsSha256 } from './split-assignment';
import { STATS_FILE, type SplitManifest, type StatsRecord } from './split-record';
import { parseSeed, splitSources } from './write-splits';

/** Per-element mean and sample standard deviation of one dataset over a set of rows. */
export interface RowStats {
  rows: number;
  shape: number[];
  mean: Float32Array;
  std: Float32Array;
}

/** Rows read per libhdf5 call: a mel_spec row is ≈ 400 kB, so 32 rows bound memory near 13 MB. */
export const STATS_BATCH_ROWS = 32;

/**
 * Welford's algorithm in float64 over `ids` (ascending global ids) of `dataset`, read straight from
 * the chunk files in batches; std = sqrt(M2 / (n - 1)), stored float32. One pass, bounded memory.
 */
export function computeRowStats(ds: CompleteDataset, ids: Float64Array, dataset = 'mel_spec', batchRows = STATS_BATCH_ROWS): RowStats {
  const files = splitSources(ds, ids)
    .map((s, i) => ({ path: ds.chunks[i]!.path, spans: spansOf(s.runs) }))
    .filter((f) => f.spans.length > 0);
  const w = welfordStats(files, dataset, batchRows);
  const mean = Float32Array.from(w.mean);
  const std = new Float32Array(w.m2.length);
  // n = 1 has no sample variance: numpy gives NaN there too.
  for (let i = 0; i < std.length; i++) std[i] = Math.sqrt(w.m2[i]! / (w.n - 1));
  return { rows: w.n, shape: w.shape, mean, std };
}

function spansOf(runs: Float64Array): Float64Array {
  const out = new Float64Array((runs.length / 3) * 2);
  for (let r = 0, o = 0; r < runs.length; r += 3, o += 2) {
    out[o] = runs[r]!;
    out[o + 1] = runs[r + 2]!;
  }
  return out;
}

/**
 * DIR/stats.npz (`mean`, `std` float32 of one mel_spec row's shape, `count` int64) over the train
 * split recorded in the manifest; the split is re-derived from its record and checked against it.
 */
export function writeStats(dir: string, options: { overwrite?: boolean; batchRows?: number } = {}): StatsRecord {
  const out = join(dir, STATS_FILE);
  if (existsSync(out) && !options.overwrite) throw new OutputExistsError([out]);
  const ds = openCompleteDataset(dir);
  const mpath = join(dir, MANIFEST_FILE);
  const record = (ds.manifest as SplitManifest).splits;
  if (!record) throw new SplitManifestError(mpath, 'splits', 'a split record (run vstds split DIR first)', 'none');
  const ids = assignSplits(ds.manifest.total_samples, { val: record.val, test: record.test }, parseSeed(record.seed, mpath)).ids.train;
  if (idsSha256(ids) !== record.ids_sha256.train) {
    throw new SplitManifestError(mpath, 'splits.ids_sha256.train', record.ids_sha256.train, `${idsSha256(ids)} (the split cannot be re-derived: rerun vstds split)`);
  }
  const s = computeRowStats(ds, ids, 'mel_spec', options.batchRows);
  writeFileAtomic(
    out,
    npzFile({
      mean: { dtype: '<f4', shape: s.shape, data: s.mean },
      std: { dtype: '<f4', shape: s.shape, data: s.std },
      count: { dtype: '<i8', shape: [], data: BigInt64Array.of(BigInt(s.rows)) },
    }),
  );
  const stats: StatsRecord = { file: STATS_FILE, split: 'train', dataset: 'mel_spec', rows: s.rows, shape: s.shape, method: 'welford-float64, variance / (n - 1), stored float32' };
  writeManifest(dir, { ...(ds.manifest as SplitManifest), stats } as SplitManifest);
  return stats;
}
