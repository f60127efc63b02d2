import { parseCommandArgs } from '../cli-args';
import { UsageError } from '../errors';
import { resolveUserPath, userCwd } from '../find-config';
import { loadConfig, lockOutputDir } from '@vstds/pipeline';
import type { CliIO } from '../main';
import { finalizeDataset } from '@vstds/scale-out';

export const finalizeHelp = `Usage: vstds finalize DIR [--config FILE]

After "vstds generate --shard I --of N" has run for every shard: verifies every chunk file in DIR
(schema, shapes, row ids, finite values) and writes dataset_info.json. Exit 1 when chunks are
missing or broken (broken files are moved to *.broken; rerun their shards, then finalize again).
The config defaults to DIR/dataset_plan.json (written by the shards).
`;

export async function runFinalizeCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('finalize', args, { config: { type: 'string', short: 'c' } });
  if (values.help) {
    io.stdout(finalizeHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('vstds finalize: expected one dataset directory, as in: vstds finalize DIR (see vstds finalize --help)');
  const dir = resolveUserPath(positionals[0]!, io.env, io.cwd);
  const config = values.config
    ? loadConfig(resolveUserPath(values.config, io.env, io.cwd), { output_dir: dir }, userCwd(io.env, io.cwd))
    : undefined;
  const lock = lockOutputDir(dir, (line) => io.stderr(`vstds finalize: ${line}\n`));
  const report = await finalizeDataset(dir, {
    config,
    log: (line) => io.stderr(`vstds finalize: ${line}\n`),
    onChunk: (n, total) => {
      if (io.isTTY) io.stderr(`\rvstds finalize: checked ${n}/${total} chunks\x1b[K${n === total ? '\n' : ''}`);
    },
  }).finally(() => lock.release());
  io.stderr(`vstds finalize: ${report.dir}: ${report.num_chunks} chunks, ${report.completed_samples} rows verified (${report.seconds.toFixed(1)} s); dataset_info.json written\n`);
  return 0;
}
