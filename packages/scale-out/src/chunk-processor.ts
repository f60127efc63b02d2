import { hostname } from 'node:os';
import type { SandboxedJob } from 'bullmq';
import type { ChunkJobData, ChunkJobProgress, ChunkJobResult } from './chunk-job';
import type { ChunkRunner } from './chunk-runner';
import { loadChunkRunner } from './load-chunk-runner';
import { runChunkStaged } from './stage-chunk';

/*
 * BullMQ's sandboxed processor: runs in a child process of `vstds worker`, so a native crash in
 * the pipeline fails this attempt (BullMQ retries it with backoff) and the worker lives on.
 */

// The worker process died (kill -9, OOM): abandon the chunk. Its lock expires, another worker's
// stalled check puts the job back, and the staging directory is cleaned up by finalize.
process.on('disconnect', () => process.exit(1));

const PROGRESS_EVERY_MS = 500;
let runner: Promise<ChunkRunner> | undefined;

export default async function processChunkJob(
  job: SandboxedJob<ChunkJobData, ChunkJobResult>,
  _token?: string,
  signal?: AbortSignal,
): Promise<ChunkJobResult> {
  const started = performance.now();
  runner ??= loadChunkRunner(process.env.VSTDS_CHUNK_RUNNER || undefined);
  const run = await runner;
  const worker = process.env.VSTDS_WORKER_ID || `${hostname()}:${process.ppid}`;
  const { chunkIndex, outputDir, config, numSamples } = job.data;
  const renderWorkers = Number(process.env.VSTDS_RENDER_WORKERS) || undefined;

  let lastSent = 0;
  let pending: Promise<void> = Promise.resolve();
  const report = (rows: number, force = false) => {
    const now = performance.now();
    if (!force && now - lastSent < PROGRESS_EVERY_MS) return;
    lastSent = now;
    const progress: ChunkJobProgress = { rows, total: numSamples, worker };
    pending = pending.then(() => job.updateProgress(progress as never)).catch(() => {});
  };
  report(0, true);
  const result = await runChunkStaged(run, {
    config,
    chunkIndex,
    outputDir,
    renderWorkers,
    signal,
    onRows: (n) => report(n, n === numSamples),
    log: (line) => process.stderr.write(`[${worker} chunk ${chunkIndex}] ${line}\n`),
  });
  await pending;
  return { ...result, worker, seconds: (performance.now() - started) / 1000 };
}
