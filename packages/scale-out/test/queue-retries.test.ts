import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@vstds/pipeline';
import { ChunkJobError, parseRedisUrl, runChunkStaged, runQueueGenerate, startChunkWorker } from '../src/index';
import { runChunk as fixtureRunChunk } from './fixtures/fixture-chunk-runner';
import { fixtureRunner, tempDir, writeFixtureConfig } from './helpers';
import { RedisServer } from './redis-server';

describe('chunk jobs that fail, and chunks made twice at once', () => {
  const redis = new RedisServer();
  beforeAll(async () => {
    await redis.start();
  });
  afterAll(() => redis.stop());

  it('a chunk failing on every attempt stops the coordinator with its error; a rerun re-adds it and completes', async () => {
    const dir = tempDir('retries');
    const config = loadConfig(writeFixtureConfig(dir, { output_dir: join(dir, 'dataset'), num_samples: 12, samples_per_file: 4 }));
    const lines: string[] = [];
    process.env.VSTDS_TEST_FAIL_CHUNK = '1';
    const failing = await startChunkWorker({ redis: parseRedisUrl(redis.url), runnerModule: fixtureRunner, concurrency: 2, log: (l) => lines.push(l) });
    delete process.env.VSTDS_TEST_FAIL_CHUNK;
    let err: unknown;
    try {
      await runQueueGenerate({ config, redis: parseRedisUrl(redis.url), attempts: 3, backoffMs: 50, pollMs: 200, log: (l) => lines.push(l) });
    } catch (e) {
      err = e;
    } finally {
      await failing.close();
    }
    expect(err).toBeInstanceOf(ChunkJobError);
    expect((err as Error).message).toMatch(/^chunk 1: failed on all 3 attempts; last error: fixture: chunk 1 fails on purpose/);
    expect(lines.filter((l) => /chunk 1: attempt \d failed: fixture: chunk 1 fails on purpose/.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(config.output_dir, 'dataset_0001.h5'))).toBe(false);
    expect(existsSync(join(config.output_dir, 'dataset_info.json'))).toBe(false);

    // --detach: re-adds the failed chunk and returns; the next run adds nothing and follows.
    const detached = await runQueueGenerate({ config, redis: parseRedisUrl(redis.url), detach: true });
    expect(detached.chunks_present).toBe(2);
    expect(detached.chunks_enqueued).toBe(1);
    expect(detached.finalize).toBeUndefined();
    const healthy = await startChunkWorker({ redis: parseRedisUrl(redis.url), runnerModule: fixtureRunner });
    try {
      const s = await runQueueGenerate({ config, redis: parseRedisUrl(redis.url), pollMs: 200 });
      expect(s.chunks_enqueued).toBe(0);
      expect(s.finalize?.completed_samples).toBe(12);
    } finally {
      await healthy.close();
    }
  }, 240_000);

  it('two runs of the same chunk at once (a re-run job whose first worker still lives) leave one complete file and no leftovers', async () => {
    const dir = tempDir('twice');
    const config = loadConfig(writeFixtureConfig(dir, { output_dir: join(dir, 'dataset'), num_samples: 8, samples_per_file: 8 }));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(config.output_dir, { recursive: true });
    process.env.VSTDS_TEST_ROW_DELAY_MS = '20';
    const run = () => runChunkStaged(fixtureRunChunk, { config, chunkIndex: 0, outputDir: config.output_dir });
    const [a, b] = await Promise.all([run(), run()]).finally(() => delete process.env.VSTDS_TEST_ROW_DELAY_MS);
    expect(a.sha256).toBe(b.sha256);
    expect([a.reused, b.reused].filter(Boolean)).toHaveLength(1); // the first to finish wins, the other reports its file
    expect(readdirSync(config.output_dir)).toEqual(['dataset_0000.h5']);
    expect(readFileSync(join(config.output_dir, 'dataset_0000.h5')).length).toBe(a.bytes);
    const again = await run(); // the file is there: nothing is made again
    expect(again.reused).toBe(true);
    expect(again.sha256).toBe(a.sha256);
  }, 120_000);
});
