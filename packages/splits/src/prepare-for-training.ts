import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OutputExistsError } from './errors';
import { SPLIT_FILES, STATS_FILE, type SplitRecord, type StatsRecord } from './split-record';
import { type SplitOptions, writeSplits } from './write-splits';
import { writeStats } from './write-stats';

/**
 * `vstds split`'s whole job, for callers such as generate's end-of-run step: the three split files,
 * then stats.npz over train unless `stats` is false. Existing outputs are refused together, before
 * anything is written, unless `overwrite`.
 */
export function prepareForTraining(dir: string, options: SplitOptions & { stats?: boolean } = {}): { split: SplitRecord; stats?: StatsRecord } {
  const outputs = [...Object.values(SPLIT_FILES), ...(options.stats === false ? [] : [STATS_FILE])].map((f) => join(dir, f));
  const existing = outputs.filter((f) => existsSync(f));
  if (existing.length > 0 && !options.overwrite) throw new OutputExistsError(existing);
  const split = writeSplits(dir, options).record;
  if (options.stats === false) return { split };
  return { split, stats: writeStats(dir, { overwrite: options.overwrite }) };
}
