import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'bullmq';
import { type ChunkJobData, type ChunkJobResult, DEFAULT_QUEUE_NAME, QUEUE_PREFIX } from './chunk-job';
import { chunkProcessorEntry } from './processor-entry';
import { redactText } from './redact';
import { throttledErrorLog, waitForRedis } from './redis-preflight';
import type { RedisTarget } from './redis-url';

export interface ChunkWorkerOptions {
  redis: RedisTarget;
  queueName?: string;
  /** Chunk jobs run at once, each in its own sandboxed child process. */
  concurrency?: number;
  /** Module exporting `runChunk` (default: vstds' generate pipeline). */
  runnerModule?: string;
  /** Render worker processes per chunk job (default: the config's num_workers). */
  renderWorkers?: number;
  /**
   * How long a job's lock lives without renewal; the worker renews it every half. A killed
   * worker's job is put back by the next stalled check after the lock expired.
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Times a job may stall (its worker died) before it counts as failed. */
  maxStalledCount?: number;
  log?: (line: string) => void;
  /** Stops waiting for Redis at startup. */
  signal?: AbortSignal;
}

export interface ChunkWorkerHandle {
  worker: Worker<ChunkJobData, ChunkJobResult>;
  /** host:pid, as jobs report it in progress and results. */
  id: string;
  /** Waits for running chunks to finish (force: abandons them; they stall and are re-run elsewhere). */
  close(force?: boolean): Promise<void>;
  /** Chunk jobs this worker is running now. */
  activeJobs(): number;
}

/**
 * A BullMQ worker making chunk jobs in sandboxed child processes (a crash fails the attempt, not
 * the worker), with lock renewal and stalled-job detection so that a killed machine's chunks
 * are re-run elsewhere. Every log line is redacted.
 */
export async function startChunkWorker(opts: ChunkWorkerOptions): Promise<ChunkWorkerHandle> {
  const id = `${hostname()}:${process.pid}`;
  const log = (line: string) => opts.log?.(redactText(line, opts.redis.secrets));
  // Fails at once on a refused password or a TLS mismatch; waits for a Redis that is not up yet.
  await waitForRedis(opts.redis, { log, signal: opts.signal });
  const entry = chunkProcessorEntry();
  const env: NodeJS.ProcessEnv = { ...process.env, VSTDS_WORKER_ID: id };
  if (opts.runnerModule) env.VSTDS_CHUNK_RUNNER = opts.runnerModule;
  else delete env.VSTDS_CHUNK_RUNNER;
  if (opts.renderWorkers) env.VSTDS_RENDER_WORKERS = String(opts.renderWorkers);
  // The password reached us by URL or env; the children talk to the worker only, not to Redis.
  delete env.VSTDS_REDIS_PASSWORD;

  const worker = new Worker<ChunkJobData, ChunkJobResult>(opts.queueName ?? DEFAULT_QUEUE_NAME, pathToFileURL(entry.file), {
    connection: opts.redis.connection,
    prefix: QUEUE_PREFIX,
    name: id,
    concurrency: opts.concurrency ?? 1,
    useWorkerThreads: false,
    workerForkOptions: { execArgv: entry.execArgv, env },
    lockDuration: opts.lockDurationMs ?? 30_000,
    stalledInterval: opts.stalledIntervalMs ?? 30_000,
    maxStalledCount: opts.maxStalledCount ?? 3,
  });
  worker.on('error', throttledErrorLog(log, `redis ${opts.redis.label}`));
  const active = new Set<string>();
  worker.on('active', (job) => {
    active.add(job.id!);
    log(`chunk ${job.data.chunkIndex}: started (attempt ${job.attemptsMade + 1})`);
  });
  worker.on('completed', (job, r) => {
    active.delete(job.id!);
    log(`chunk ${job.data.chunkIndex}: ${r.reused ? 'already there' : 'written'} ${r.file} (${r.numSamples} rows, ${r.seconds.toFixed(1)} s)`);
  });
  worker.on('failed', (job, e) => {
    if (job?.id) active.delete(job.id);
    log(`chunk ${job?.data.chunkIndex ?? '?'}: attempt failed: ${e.message.split('\n')[0]}`);
  });
  await worker.waitUntilReady();
  return {
    worker,
    id,
    // With nothing running there is nothing to wait for; a graceful close would also wait for
    // the blocked fetch of the next job, forever while Redis is unreachable.
    close: (force = false) => worker.close(force || active.size === 0),
    activeJobs: () => active.size,
  };
}
