import type { GenerateConfig } from '@vstds/pipeline';
import { lockOutputDir, shardLockScope } from '@vstds/pipeline';
import type { ChunkResult, ChunkRunner } from './chunk-runner';
import { missingChunks, shardChunks } from './chunk-plan';
import { claimOutputDir } from './dataset-plan';
import { loadChunkRunner } from './load-chunk-runner';
import { runChunkStaged } from './stage-chunk';

export interface ShardGenerateOptions {
  config: GenerateConfig;
  shard: number;
  of: number;
  /** Default: vstds' generate pipeline. */
  runner?: ChunkRunner;
  renderWorkers?: number;
  log?: (line: string) => void;
  /** Called with rows finished by this shard so far. */
  onRows?: (rowsDone: number, rowsTotal: number) => void;
  signal?: AbortSignal;
}

export interface ShardRunSummary {
  shard: number;
  of: number;
  chunks: number[];
  /** Chunks whose file was already there (an earlier run of this shard). */
  chunks_present: number[];
  rows_written: number;
  wall_seconds: number;
  rows_per_second: number;
  results: ChunkResult[];
}

/**
 * `vstds generate --shard i --of N`: makes the chunks c with c mod N = i that have no file yet,
 * one after another, each staged and renamed into output_dir. No manifest: after all shards,
 * `vstds finalize DIR` verifies and writes it. Rerunning a shard resumes it.
 */
export async function runShardGenerate(opts: ShardGenerateOptions): Promise<ShardRunSummary> {
  const lock = lockOutputDir(opts.config.output_dir, opts.log ?? console.error, shardLockScope(opts.shard, opts.of));
  return shardGenerate(opts).finally(() => lock.release());
}

async function shardGenerate(opts: ShardGenerateOptions): Promise<ShardRunSummary> {
  const started = performance.now();
  const { config, shard, of } = opts;
  const log = opts.log ?? (() => {});
  claimOutputDir(config);
  const mine = shardChunks(config, shard, of);
  const todo = missingChunks(config, mine);
  const runner = opts.runner ?? (await loadChunkRunner());
  const rowsTotal = todo.reduce((t, c) => t + c.numSamples, 0);
  log(`shard ${shard}/${of}: ${mine.length} chunks, ${mine.length - todo.length} already written, ${todo.length} to make (${rowsTotal} rows)`);
  const results: ChunkResult[] = [];
  let rowsDone = 0;
  for (const chunk of todo) {
    if (opts.signal?.aborted) break;
    const r = await runChunkStaged(runner, {
      config,
      chunkIndex: chunk.index,
      outputDir: config.output_dir,
      renderWorkers: opts.renderWorkers,
      signal: opts.signal,
      onRows: (n) => opts.onRows?.(rowsDone + n, rowsTotal),
      log,
    });
    rowsDone += r.numSamples;
    results.push(r);
    log(`shard ${shard}/${of}: chunk ${chunk.index} written: ${r.file} (${r.numSamples} rows)`);
  }
  const wall = (performance.now() - started) / 1000;
  return {
    shard,
    of,
    chunks: mine.map((c) => c.index),
    chunks_present: mine.filter((c) => !todo.includes(c)).map((c) => c.index),
    rows_written: rowsDone,
    wall_seconds: wall,
    rows_per_second: wall > 0 ? rowsDone / wall : 0,
    results,
  };
}
