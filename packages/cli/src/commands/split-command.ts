import { existsSync } from 'node:fs';
import { SplitRatioError, prepareForTraining } from '@vstds/splits';
import { lockOutputDir } from '@vstds/pipeline';
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
  let done: ReturnType<typeof prepareForTraining>;
  // A path that is not there gets the library's own error, not a lock directory made for it.
  const lock = existsSync(dir) ? lockOutputDir(dir, (line) => io.stderr(`vstds split: ${line}\n`)) : { release: () => {} };
  try {
    done = prepareForTraining(dir, { val, test, seed, overwrite: values.overwrite, stats: !values['no-stats'] });
  } catch (e) {
    if (e instanceof SplitRatioError) throw new UsageError(`vstds split: ${e.message}`);
    throw e;
  } finally {
    lock.release();
  }
  const { counts } = done.split;
  io.stdout(`vstds split: ${dir}: train ${counts.train}, val ${counts.val}, test ${counts.test} rows (seed ${done.split.seed})\n`);
  if (done.stats) io.stdout(`vstds split: ${dir}/${done.stats.file}: mean and std of ${done.stats.dataset} over ${done.stats.rows} train rows\n`);
  return 0;
}
