import { join } from 'node:path';
import { type Job, Queue, QueueEvents } from 'bullmq';
import type { GenerateConfig } from '@vstds/pipeline';
import { CHUNK_JOB_NAME, type ChunkJobData, type ChunkJobProgress, type ChunkJobResult, DEFAULT_QUEUE_NAME, QUEUE_PREFIX } from './chunk-job';
import { allChunks, missingChunks, type PlannedChunk, presentFiles } from './chunk-plan';
import { claimOutputDir } from './dataset-plan';
import { chunkJobId } from './dataset-id';
import { finalizeDataset, type FinalizeReport } from './finalize-dataset';
import { FleetProgress, type FleetSnapshot, formatFleetProgress } from './fleet-progress';
import { redactText } from './redact';
import { throttledErrorLog, waitForRedis } from './redis-preflight';
import type { RedisTarget } from './redis-url';
import { ChunkJobError } from './scale-out-errors';

export interface QueueGenerateOptions {
  config: GenerateConfig;
  redis: RedisTarget;
  queueName?: string;
  /** Delete a dataset already in output_dir (and its finished jobs) and start over. */
  overwrite?: boolean;
  /** Attempts per chunk job (a crash, a timeout or an error each use one). */
  attempts?: number;
  /** First retry delay; doubles with each attempt. */
  backoffMs?: number;
  /** How often job states are polled (events alone can be missed while Redis restarts). */
  pollMs?: number;
  log?: (line: string) => void;
  progress?: { write: (text: string) => void; tty: boolean; intervalMs?: number };
  /** Write the manifest when every chunk is done (default true). */
  finalize?: boolean;
  /** Enqueue and return at once (rerun without it to follow the fleet and finalize). */
  detach?: boolean;
  signal?: AbortSignal;
  /** How long a completed chunk's file may stay invisible on shared storage (default 120 s). */
  visibilityTimeoutMs?: number;
  /** Give up when Redis does not answer at the start for this long (default 60 s). */
  connectTimeoutMs?: number;
}

export interface QueueRunSummary {
  dataset_id: string;
  chunks_total: number;
  chunks_enqueued: number;
  /** Chunk files present before this run (earlier runs, or workers that finished while no coordinator ran). */
  chunks_present: number;
  rows_total: number;
  wall_seconds: number;
  rows_per_second: number;
  progress: FleetSnapshot;
  finalize?: FinalizeReport;
}

/**
 * `vstds generate --queue`: enqueues one BullMQ job per missing chunk (job id = dataset id +
 * chunk index, so a second coordinator adds nothing), follows the fleet's progress from
 * QueueEvents, and writes the manifest when every chunk job has completed.
 *
 * The coordinator, not a BullMQ flow parent, finalizes: a rerun of the same command is the
 * resume (it re-adds only chunks whose file is missing and whose job is gone or failed for good,
 * then waits), and a flow parent cannot take a new child once it has completed.
 */
export async function runQueueGenerate(opts: QueueGenerateOptions): Promise<QueueRunSummary> {
  const started = performance.now();
  const { config, redis } = opts;
  const secrets = redis.secrets;
  const log = (line: string) => opts.log?.(redactText(line, secrets));
  const name = opts.queueName ?? DEFAULT_QUEUE_NAME;
  const attempts = opts.attempts ?? 5;
  const backoffMs = opts.backoffMs ?? 10_000;
  const plan = claimOutputDir(config, { overwrite: opts.overwrite });
  const all = allChunks(config);
  const missing = missingChunks(config, all);
  const byJob = new Map(missing.map((c) => [chunkJobId(plan.dataset_id, c.index), c]));
  const rowsBefore = all.filter((c) => !missing.includes(c)).reduce((t, c) => t + c.numSamples, 0);
  const fleet = new FleetProgress(config.num_samples, all.length, rowsBefore, all.length - missing.length);
  const results = new Map<number, ChunkJobResult>();

  // Before BullMQ connects: a refused password must fail now, not reconnect forever.
  await waitForRedis(redis, { timeoutMs: opts.connectTimeoutMs ?? 60_000, log, signal: opts.signal });
  const queue = new Queue<ChunkJobData, ChunkJobResult>(name, { connection: redis.connection, prefix: QUEUE_PREFIX });
  const events = new QueueEvents(name, { connection: redis.connection, prefix: QUEUE_PREFIX });
  queue.on('error', throttledErrorLog(log, `redis ${redis.label}`));
  events.on('error', throttledErrorLog(log, `redis ${redis.label} (events)`));

  let ticker: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  try {
    await events.waitUntilReady();
    await queue.waitUntilReady();
    log(`dataset ${plan.dataset_id}: ${all.length} chunks, ${all.length - missing.length} already written, queue ${name} on ${redis.label}`);

    events.on('progress', ({ jobId, data }) => {
      const c = byJob.get(jobId);
      if (c && typeof data === 'object' && data !== null) fleet.progress(c.index, data as unknown as ChunkJobProgress);
    });
    events.on('completed', ({ jobId }) => {
      if (byJob.has(jobId)) wake?.();
    });
    // BullMQ 6 announces a failed attempt that will be retried as 'delayed' (backoff) or
    // 'waiting' (prev: active); only the last one as 'failed'. A stall does not count an attempt.
    const attemptsSeen = new Map<string, number>();
    const failedAttempt = async (jobId: string) => {
      const c = byJob.get(jobId);
      if (!c) return;
      const job = await queue.getJob(jobId).catch(() => undefined);
      if (!job || job.attemptsMade <= (attemptsSeen.get(jobId) ?? 0)) return;
      attemptsSeen.set(jobId, job.attemptsMade);
      fleet.failedAttempt(c.index);
      log(`chunk ${c.index}: attempt ${job.attemptsMade} failed: ${String(job.failedReason ?? 'unknown').split('\n')[0]}`);
      wake?.();
    };
    events.on('delayed', ({ jobId }) => void failedAttempt(jobId));
    events.on('waiting', ({ jobId, prev }) => {
      if (prev === 'active') void failedAttempt(jobId);
    });
    events.on('failed', ({ jobId }) => {
      void failedAttempt(jobId);
      wake?.();
    });
    events.on('stalled', ({ jobId }) => {
      const c = byJob.get(jobId);
      if (!c) return;
      fleet.stalled(c.index);
      log(`chunk ${c.index}: its worker stopped renewing the lock (killed?); the job goes back to the queue`);
    });

    // Listening before enqueuing: a fast worker's first events are not missed.
    let enqueued = 0;
    for (const chunk of missing) if (await ensureJob(queue, plan.dataset_id, chunk, config, { attempts, backoffMs })) enqueued++;
    if (missing.length) log(`enqueued ${enqueued} chunk jobs (${missing.length - enqueued} were already queued)`);

    if (opts.detach) {
      return {
        dataset_id: plan.dataset_id,
        chunks_total: all.length,
        chunks_enqueued: enqueued,
        chunks_present: all.length - missing.length,
        rows_total: config.num_samples,
        wall_seconds: (performance.now() - started) / 1000,
        rows_per_second: 0,
        progress: fleet.snapshot(),
      };
    }

    const show = opts.progress;
    if (show && missing.length) {
      ticker = setInterval(() => {
        const line = formatFleetProgress(fleet.snapshot());
        show.write(show.tty ? `\r${line}\x1b[K` : `${line}\n`);
      }, show.intervalMs ?? (show.tty ? 500 : 5000));
      ticker.unref();
    }

    const pending = new Map(byJob);
    const unseen = new Map<string, number>();
    while (pending.size > 0) {
      if (opts.signal?.aborted) throw new ChunkJobError(`stopped with ${pending.size} chunks not done; the jobs stay queued: rerun the same command to follow them`);
      const ids = [...pending.keys()];
      let listing: Set<string> | undefined;
      const states = await Promise.all(ids.map((jobId) => queue.getJobState(jobId)));
      for (const [k, jobId] of ids.entries()) {
        const chunk = pending.get(jobId)!;
        const state = states[k];
        if (state === 'completed') {
          const job = await queue.getJob(jobId);
          const r = job?.returnvalue as ChunkJobResult | undefined;
          listing ??= presentFiles(config.output_dir);
          if (!listing.has(chunk.file)) {
            // Shared storage may show another machine's rename late; give it a while.
            const since = (unseen.get(jobId) ?? unseen.set(jobId, Date.now()).get(jobId))!;
            if (Date.now() - since < (opts.visibilityTimeoutMs ?? 120_000)) continue;
            throw new ChunkJobError(`chunk ${chunk.index}: its job completed on ${r?.worker ?? 'a worker'}, but ${join(config.output_dir, chunk.file)} is not there: is output_dir the same shared directory, at the same path, on every machine?`);
          }
          if (r) {
            results.set(chunk.index, r);
            fleet.completed(chunk.index, r);
          } else fleet.completed(chunk.index, { numSamples: chunk.numSamples, worker: 'unknown' });
          pending.delete(jobId);
        } else if (state === 'failed') {
          const job = await queue.getJob(jobId);
          throw new ChunkJobError(
            `chunk ${chunk.index}: failed on all ${job?.attemptsMade ?? attempts} attempts; last error: ${redactText(String(job?.failedReason ?? 'unknown'), secrets).split('\n')[0]} ` +
              '(fix the cause and rerun the same command: it retries failed chunks)',
          );
        } else if (state === 'unknown') {
          // Redis lost the job (restarted without persistence, or flushed): add it again unless its file is there.
          listing ??= presentFiles(config.output_dir);
          if (listing.has(chunk.file)) {
            fleet.completed(chunk.index, { numSamples: chunk.numSamples, worker: 'unknown' });
            pending.delete(jobId);
          } else {
            log(`chunk ${chunk.index}: its job vanished from Redis; adding it again`);
            await ensureJob(queue, plan.dataset_id, chunk, config, { attempts, backoffMs });
          }
        }
      }
      if (pending.size > 0) {
        await new Promise<void>((res) => {
          const t = setTimeout(res, opts.pollMs ?? 1000);
          wake = () => {
            clearTimeout(t);
            res();
          };
        });
        wake = undefined;
      }
    }
    if (ticker) clearInterval(ticker);
    ticker = undefined;
    if (show && missing.length) {
      const line = formatFleetProgress(fleet.snapshot());
      show.write(show.tty ? `\r${line}\x1b[K\n` : `${line}\n`);
    }

    const summary: QueueRunSummary = {
      dataset_id: plan.dataset_id,
      chunks_total: all.length,
      chunks_enqueued: enqueued,
      chunks_present: all.length - missing.length,
      rows_total: config.num_samples,
      wall_seconds: 0,
      rows_per_second: 0,
      progress: fleet.snapshot(),
    };
    if (opts.finalize !== false) {
      log(`all ${all.length} chunks done; verifying them and writing the manifest`);
      const expected = new Map([...results].map(([i, r]) => [i, r.sha256]));
      summary.finalize = await finalizeDataset(config.output_dir, { config, expectedSha256: expected, log });
    }
    summary.wall_seconds = (performance.now() - started) / 1000;
    const rowsMade = missing.reduce((t, c) => t + c.numSamples, 0);
    summary.rows_per_second = summary.wall_seconds > 0 ? rowsMade / summary.wall_seconds : 0;
    return summary;
  } catch (e) {
    if (e instanceof Error) e.message = redactText(e.message, secrets);
    throw e;
  } finally {
    if (ticker) clearInterval(ticker);
    await Promise.allSettled([events.close(), queue.close()]);
  }
}

/**
 * Adds the chunk's job unless it is queued, running or waiting for a retry. A completed or
 * finally failed job whose file is missing (deleted, or --overwrite) is replaced.
 * Returns whether a job was added.
 */
async function ensureJob(
  queue: Queue<ChunkJobData, ChunkJobResult>,
  id: string,
  chunk: PlannedChunk,
  config: GenerateConfig,
  o: { attempts: number; backoffMs: number },
): Promise<boolean> {
  const jobId = chunkJobId(id, chunk.index);
  const existing = (await queue.getJob(jobId)) as Job<ChunkJobData, ChunkJobResult> | undefined;
  if (existing) {
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed') return false;
    await existing.remove();
  }
  await queue.add(
    CHUNK_JOB_NAME,
    { datasetId: id, chunkIndex: chunk.index, numSamples: chunk.numSamples, outputDir: config.output_dir, config },
    {
      jobId,
      attempts: o.attempts,
      backoff: { type: 'exponential', delay: o.backoffMs },
      // Kept a week, so a second coordinator (or a rerun) sees them and adds nothing.
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  );
  return true;
}
