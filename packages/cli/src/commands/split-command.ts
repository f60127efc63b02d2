import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OutputExistsError, SPLIT_FILES, STATS_FILE, SplitRatioError, writeSplits, writeStats } from '@vstds/splits';
import { numericFlag, parseCommandArgs } from '../cli-args';
import { UsageError } from '../errors';
import { resolveUserPath } from '../find-config';
import type { CliIO } from '../main';

export const splitHelp = `Usage: vstds split DIR [--val 0.1] [--test 0.1] [--seed N] [--no-stats] [--overwrite]

Writes DIR/train.h5, val.h5 and test.h5: HDF5 virtual datasets over the chunk files (nothing copied,
relative source paths), and DIR/stats.npz (mel_spec mean and std over train) unless --no-stats.
Rows are assigned from --seed (default: the dataset's seed); the split is recorded in
dataset_info.json. Refuses an incomplete or damaged dataset and existing files without --overwrite.
`;

/** A --val/--test/--seed value: a number, or a usage error naming the flag. */
function numberFlag(flag: string, v: string | boolean | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = numericFlag(v);
  if (typeof n !== 'number') throw new UsageError(`vstds split: --${flag}: expected a number, got ${JSON.stringify(v)}`);
  return n;
}

export async function splitCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('split', args, {
    val: { type: 'string' },
    test: { type: 'string' },
    seed: { type: 'string' },
    'no-stats': { type: 'boolean' },
    overwrite: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(splitHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('vstds split: expected one DIR (see vstds split --help)');
  const dir = resolveUserPath(positionals[0]!, io.env, io.cwd);
  const seed = values.seed === undefined ? undefined : /^-?\d+$/.test(values.seed) ? BigInt(values.seed) : undefined;
  if (values.seed !== undefined && seed === undefined) throw new UsageError(`vstds split: --seed: expected an integer, got ${JSON.stringify(values.seed)}`);
  const val = numberFlag('val', values.val);
  const test = numberFlag('test', values.test);
  // Checked before anything is written, so a refusal leaves the directory as it was.
  const outputs = [...Object.values(SPLIT_FILES), ...(values['no-stats'] ? [] : [STATS_FILE])].map((f) => join(dir, f));
  const existing = outputs.filter((f) => existsSync(f));
  if (existing.length > 0 && !values.overwrite) throw new OutputExistsError(existing);
  try {
    const { record } = writeSplits(dir, { val, test, seed, overwrite: values.overwrite });
    io.stdout(`vstds split: ${dir}: train ${record.counts.train}, val ${record.counts.val}, test ${record.counts.test} rows (seed ${record.seed})\n`);
  } catch (e) {
    if (e instanceof SplitRatioError) throw new UsageError(`vstds split: ${e.message}`);
    throw e;
  }
  if (!values['no-stats']) {
    const stats = writeStats(dir, { overwrite: values.overwrite });
    io.stdout(`vstds split: ${dir}/${stats.file}: mean and std of ${stats.dataset} over ${stats.rows} train rows\n`);
  }
  return 0;
}
