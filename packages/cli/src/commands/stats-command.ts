import { existsSync } from 'node:fs';
import { writeStats } from '@vstds/splits';
import { lockOutputDir } from '@vstds/pipeline';
import { parseCommandArgs } from '../cli-args';
import { UsageError } from '../errors';
import { resolveUserPath } from '../find-config';
import type { CliIO } from '../main';

export const statsHelp = `Usage: vstds stats DIR [--overwrite]

Writes DIR/stats.npz: float32 mean and std (Welford in float64, variance / (n - 1)) of mel_spec over
the train split recorded by vstds split. np.load reads it.
`;

export async function statsCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('stats', args, { overwrite: { type: 'boolean' } });
  if (values.help) {
    io.stdout(statsHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('vstds stats: expected one DIR (see vstds stats --help)');
  const dir = resolveUserPath(positionals[0]!, io.env, io.cwd);
  // A path that is not there gets the library's own error, not a lock directory made for it.
  const lock = existsSync(dir) ? lockOutputDir(dir, (line) => io.stderr(`vstds stats: ${line}\n`)) : { release: () => {} };
  let stats: ReturnType<typeof writeStats>;
  try {
    stats = writeStats(dir, { overwrite: values.overwrite });
  } finally {
    lock.release();
  }
  io.stdout(`vstds stats: ${dir}/${stats.file}: mean and std of ${stats.dataset} over ${stats.rows} train rows\n`);
  return 0;
}
