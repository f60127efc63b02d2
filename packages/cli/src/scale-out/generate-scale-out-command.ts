import { numericFlag, parseCommandArgs } from '../cli-args';
import { generateOptions } from '../commands/generate-command';
import { UsageError } from '../errors';
import { resolveUserPath, userCwd } from '../find-config';
import { loadConfig } from '@vstds/pipeline';
import type { CliIO } from '../main';
import { parseShardSpec, loadChunkRunner, runQueueGenerate, parseRedisUrl, runShardGenerate } from '@vstds/scale-out';

export const generateScaleOutHelp = `Scaling out (see docs/scaling-out.md):

  vstds generate --config FILE --queue redis://HOST:6379/0 [--attempts N] [--backoff-ms MS]
      Coordinator: enqueues one job per missing chunk for "vstds worker" processes on any number of
      machines, shows the fleet's progress, writes the manifest when all chunks are done. Rerun the
      same command to resume. output_dir must be shared storage, at the same path on every machine.

  vstds generate --config FILE --shard I --of N
      Static shard I of N (chunks c with c mod N = I), for Kubernetes Indexed Jobs and Slurm arrays;
      without --shard, I is read from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID. Then:
  vstds finalize DIR
      verifies every chunk file and writes the manifest.

Options (besides those of vstds generate):
  --queue URL          redis:// or rediss:// (TLS); password in the URL or VSTDS_REDIS_PASSWORD
  --queue-name NAME    BullMQ queue name (default vstds-chunks)
  --attempts N         attempts per chunk job (default 5), retried with exponential backoff
  --backoff-ms MS      first retry delay (default 10000)
  --detach             enqueue and exit; run the same command without it later to follow and finalize
  --shard I --of N     this process makes shard I of N
  --runner MODULE      (shards) a module exporting runChunk instead of vstds' pipeline
  --workers N          render processes per chunk (with --queue: sent with the jobs, a worker's
                       own --workers wins)
`;

/** True when `vstds generate` arguments ask for a scaled-out run (the CLI hands those to us). */
export function isScaleOutGenerate(args: readonly string[]): boolean {
  return args.some((a) => /^--(queue|shard|of)(=|$)/.test(a));
}

/** `vstds generate … --queue URL` or `… --shard I --of N`. */
export async function generateScaleOutCommand(args: string[], io: CliIO, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('generate', args, {
    ...generateOptions,
    queue: { type: 'string' },
    'queue-name': { type: 'string' },
    attempts: { type: 'string' },
    'backoff-ms': { type: 'string' },
    detach: { type: 'boolean' },
    shard: { type: 'string' },
    of: { type: 'string' },
    runner: { type: 'string' },
  });
  if (values.help) {
    io.stdout(generateScaleOutHelp);
    return 0;
  }
  if (positionals.length) throw new UsageError(`vstds generate: unexpected argument "${positionals[0]}" (see vstds generate --help)`);
  if (typeof values.config !== 'string') throw new UsageError('vstds generate: --config FILE is required (see vstds generate --help)');
  const sharded = values.shard !== undefined || values.of !== undefined;
  if (values.detach && !values.queue) throw new UsageError('vstds generate: --detach applies to --queue runs');
  if (sharded && values.queue) throw new UsageError('vstds generate: --queue and --shard/--of are two ways to scale out: give one of them');
  const cwd = userCwd(io.env, io.cwd);
  const config = loadConfig(
    resolveUserPath(values.config, io.env, io.cwd),
    { num_samples: numericFlag(values['num-samples']), num_workers: numericFlag(values.workers), seed: numericFlag(values.seed), output_dir: values.output },
    cwd,
  );
  const log = (line: string) => io.stderr(`${line}\n`);

  if (sharded) {
    if (values.overwrite) throw new UsageError('vstds generate: --overwrite with --shard would delete the other shards\' chunks: clear output_dir once before starting the shards');
    const { shard, of } = parseShardSpec(values.shard ?? io.env.JOB_COMPLETION_INDEX ?? io.env.SLURM_ARRAY_TASK_ID, values.of);
    const runner = values.runner ? await loadChunkRunner(resolveUserPath(values.runner, io.env, io.cwd)) : undefined;
    const s = await runShardGenerate({ config, shard, of, runner, log: values.quiet ? undefined : log, signal });
    io.stderr(
      `vstds generate: shard ${shard}/${of}: ${s.results.length} chunks written (${s.rows_written} rows, ${s.rows_per_second.toFixed(1)} rows/s), ` +
        `${s.chunks_present.length} were already there; run "vstds finalize ${config.output_dir}" when every shard is done\n`,
    );
    return 0;
  }

  if (values.runner) throw new UsageError('vstds generate: --runner applies to --shard runs; workers take it as "vstds worker --runner"');
  const redis = parseRedisUrl(values.queue!, io.env);
  const attempts = numericFlag(values.attempts);
  const backoff = numericFlag(values['backoff-ms']);
  for (const [flag, v] of [['--attempts', attempts], ['--backoff-ms', backoff]] as const) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < (flag === '--attempts' ? 1 : 0))) {
      throw new UsageError(`vstds generate: ${flag}: expected a ${flag === '--attempts' ? 'positive' : 'non-negative'} integer, got ${JSON.stringify(values[flag === '--attempts' ? 'attempts' : 'backoff-ms'])}`);
    }
  }
  const s = await runQueueGenerate({
    config,
    redis,
    queueName: values['queue-name'],
    overwrite: Boolean(values.overwrite),
    attempts: attempts as number | undefined,
    backoffMs: backoff as number | undefined,
    log: values.quiet ? undefined : log,
    progress: values.quiet ? undefined : { write: io.stderr, tty: io.isTTY },
    signal,
    detach: Boolean(values.detach),
  });
  if (values.detach) {
    io.stderr(`vstds generate: dataset ${s.dataset_id}: ${s.chunks_enqueued} chunk jobs enqueued, ${s.chunks_present} chunks already there; rerun without --detach to follow and finalize\n`);
    return 0;
  }
  io.stderr(
    `vstds generate: ${config.num_samples} rows in ${config.output_dir} (dataset ${s.dataset_id}: ${s.chunks_enqueued} chunk jobs enqueued, ` +
      `${s.chunks_present} chunks already there; ${s.rows_per_second.toFixed(1)} rows/s across the fleet)\n`,
  );
  return 0;
}
