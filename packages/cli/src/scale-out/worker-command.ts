import { numericFlag, parseCommandArgs } from '../cli-args';
import { UsageError } from '../errors';
import type { CliIO } from '../main';
import { startChunkWorker, parseRedisUrl } from '@vstds/scale-out';

export const workerHelp = `Usage: vstds worker --queue redis://HOST:6379/0 [options]

Runs chunk jobs of "vstds generate --queue" on this machine until stopped (SIGTERM/SIGINT: finish
the running chunks, then exit; a second signal exits at once and the chunks are re-run elsewhere).
Each chunk job runs in its own child process: a crash fails that attempt, not the worker.
The dataset directory named in the jobs must be on storage shared by all machines, at the same path.

Options:
  --queue URL           redis:// or rediss:// (TLS) URL; a password may be given in the URL or in
                        VSTDS_REDIS_PASSWORD; ?ca=FILE (or VSTDS_REDIS_CA) for a private CA (env: VSTDS_QUEUE)
  --concurrency K       chunk jobs at once (default 1)
  --workers N           render processes per chunk job (default: the config's num_workers)
  --queue-name NAME     BullMQ queue name (default vstds-chunks)
  --lock-ms MS          job lock duration, renewed every MS/2 (default 30000)
  --stalled-ms MS       how often to look for jobs of dead workers (default 30000)
  --runner MODULE       a module exporting runChunk (a custom ChunkRunner) instead of vstds' pipeline
`;

function positiveInt(flag: string, v: string | boolean | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = numericFlag(v);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new UsageError(`vstds worker: ${flag}: expected a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

/** `vstds worker`: resolves when the worker has stopped (after SIGTERM/SIGINT, or `signal`). */
export async function runWorkerCommand(args: string[], io: CliIO, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('worker', args, {
    queue: { type: 'string' },
    concurrency: { type: 'string' },
    workers: { type: 'string', short: 'j' },
    'queue-name': { type: 'string' },
    'lock-ms': { type: 'string' },
    'stalled-ms': { type: 'string' },
    runner: { type: 'string' },
  });
  if (values.help) {
    io.stdout(workerHelp);
    return 0;
  }
  if (positionals.length) throw new UsageError(`vstds worker: unexpected argument "${positionals[0]}" (see vstds worker --help)`);
  const url = values.queue ?? io.env.VSTDS_QUEUE;
  if (!url) throw new UsageError('vstds worker: --queue URL is required, e.g. --queue redis://host:6379/0 (see vstds worker --help)');
  const redis = parseRedisUrl(url, io.env, values.queue ? '--queue' : 'VSTDS_QUEUE');
  const handle = await startChunkWorker({
    redis,
    queueName: values['queue-name'],
    concurrency: positiveInt('--concurrency', values.concurrency),
    renderWorkers: positiveInt('--workers', values.workers),
    lockDurationMs: positiveInt('--lock-ms', values['lock-ms']),
    stalledIntervalMs: positiveInt('--stalled-ms', values['stalled-ms']),
    runnerModule: values.runner,
    log: (line) => io.stderr(`vstds worker: ${line}\n`),
    signal,
  });
  io.stderr(`vstds worker ${handle.id}: waiting for chunk jobs on ${redis.label} (queue ${values['queue-name'] ?? 'vstds-chunks'}, concurrency ${values.concurrency ?? 1})\n`);

  let exitHard = false;
  let closed = false;
  handle.worker.once('closed', () => (closed = true));
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (why: string) => {
      if (stopping) {
        io.stderr(`vstds worker: ${why} again: leaving the running chunks (they will be re-run elsewhere)\n`);
        exitHard = true;
        resolve();
        return;
      }
      stopping = true;
      io.stderr(`vstds worker: ${why}: finishing the running chunks, then exiting\n`);
      void handle.close().finally(resolve);
      // BullMQ's graceful close also waits for its blocked fetch of the next job, which never
      // returns while Redis is unreachable: once no chunk runs, stop anyway.
      const watch = setInterval(() => {
        if (handle.activeJobs() > 0) return;
        clearInterval(watch);
        setTimeout(() => {
          exitHard = !closed;
          resolve();
        }, 3000).unref();
      }, 500);
      watch.unref();
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    signal?.addEventListener('abort', () => stop('stop requested'), { once: true });
    handle.worker.once('closed', () => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
    });
  });
  if (exitHard) {
    // The sandboxed processors die with us (they exit when their IPC channel closes); the
    // chunks they ran are re-run elsewhere once their locks expire.
    io.stderr('vstds worker: stopped without a clean Redis close\n');
    process.exit(0);
  }
  return 0;
}
