import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@vstds/pipeline';
import { DEFAULT_QUEUE_NAME, finalizeDataset, parseRedisUrl, QUEUE_PREFIX, runShardGenerate } from '@vstds/scale-out';
import { runChunk as fixtureRunChunk } from '../../../scale-out/test/fixtures/fixture-chunk-runner';
import { alive, childPids, fixtureRunner, h5Digest, tempDir, within, writeFixtureConfig } from '../../../scale-out/test/helpers';
import { killGroup, type Proc, spawnScaleOut } from './spawn-vstds';
import { RedisServer } from '../../../scale-out/test/redis-server';

const PASSWORD = 'S3cret-vstds-pw';

describe('vstds generate --queue with three workers (real redis-server, fixture chunk runner)', () => {
  const redis = new RedisServer({ password: PASSWORD, aof: true });
  const procs: Proc[] = [];
  beforeAll(async () => {
    await redis.start();
  });
  afterAll(async () => {
    for (const p of procs) killGroup(p);
    await redis.stop();
  });

  it('completes through kill -9 of a worker mid-chunk, a SIGSEGV in a sandboxed processor and a Redis restart: every chunk once, bytes as a single-machine run', async () => {
    const dir = tempDir('queue');
    const out = join(dir, 'dataset');
    const cfg = writeFixtureConfig(dir, { output_dir: out });

    // The single-machine reference: the same config, one process, all chunks.
    const ref = join(dir, 'reference');
    await runShardGenerate({ config: loadConfig(cfg, { output_dir: ref }), shard: 0, of: 1, runner: fixtureRunChunk });
    await finalizeDataset(ref);

    const { connection } = parseRedisUrl(redis.url);
    const events = new QueueEvents(DEFAULT_QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
    events.on('error', () => {});
    const completed = new Map<string, number>();
    const progressBy = new Map<string, number>(); // worker id -> max rows in a running chunk
    events.on('completed', ({ jobId }) => completed.set(jobId, (completed.get(jobId) ?? 0) + 1));
    events.on('progress', ({ data }) => {
      const p = data as { rows: number; total: number; worker: string };
      if (p.rows > 0 && p.rows < p.total) progressBy.set(p.worker, p.rows);
    });
    await events.waitUntilReady();

    const runLog = join(dir, 'runs.log');
    const env = {
      VSTDS_TEST_ROW_DELAY_MS: '150',
      VSTDS_TEST_CRASH_DIR: dir,
      VSTDS_TEST_CRASH_CHUNK: '5',
      VSTDS_TEST_RUN_LOG: runLog,
    };
    const workerArgs = ['worker', '--queue', redis.url, '--runner', fixtureRunner, '--lock-ms', '5000', '--stalled-ms', '1000'];
    const workers = [0, 1, 2].map(() => spawnScaleOut(workerArgs, env));
    procs.push(...workers);
    const coordinator = spawnScaleOut(['generate', '--config', cfg, '--queue', redis.url, '--backoff-ms', '200', '--attempts', '4']);
    procs.push(coordinator);

    // kill -9 the first worker once it is half-way through a chunk.
    // kill -9 whichever worker is first seen half-way through a chunk.
    const idOf = (p: Proc) => `${hostname()}:${p.child.pid}`;
    const victim = await within(60_000, 'a worker reports rows of a chunk', (async () => {
      for (;;) {
        const w = workers.find((p) => progressBy.has(idOf(p)));
        if (w) return w;
        await new Promise((r) => setTimeout(r, 25));
      }
    })());
    const survivors = workers.filter((w) => w !== victim);
    const orphans = childPids(victim.child.pid!); // its sandboxed processor
    expect(orphans.length).toBeGreaterThan(0);
    process.kill(victim.child.pid!, 'SIGKILL');
    await victim.done;

    // Restart Redis while the others work (AOF: the queue survives).
    await redis.restart(500);

    // The orphaned processor notices its worker is gone and exits instead of finishing the chunk.
    await within(5_000, 'the killed worker\'s processor exits', (async () => {
      while (orphans.some(alive)) await new Promise((r) => setTimeout(r, 50));
    })());

    const result = await within(90_000, 'the coordinator finishes', coordinator.done);
    const text = coordinator.out();
    expect(result.code, text).toBe(0);

    // Every chunk once: one completion per job, one written file per chunk.
    expect([...completed.values()].every((n) => n === 1), JSON.stringify([...completed])).toBe(true);
    const runs = readFileSync(runLog, 'utf8').trim().split('\n').map((l) => Number(l.split(' ')[0]));
    expect(runs.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const info = JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8'));
    expect(info.chunks.map((c: { index: number }) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(info.completed_samples).toBe(48);
    expect(readdirSync(out).filter((f) => f.endsWith('.partial') || f.startsWith('.vstds-staging'))).toEqual([]);

    // Same bytes as the single-machine run: the files, and each array as h5py reads it.
    const refInfo = JSON.parse(readFileSync(join(ref, 'dataset_info.json'), 'utf8'));
    expect(info.chunks.map((c: { sha256: string }) => c.sha256)).toEqual(refInfo.chunks.map((c: { sha256: string }) => c.sha256));
    const digest = h5Digest(out);
    expect(Object.keys(digest)).toHaveLength(8);
    expect(digest['dataset_0000.h5']!.dtype_audio).toBe('float16');
    expect(digest).toEqual(h5Digest(ref));

    // The crash killed one sandboxed processor only: the attempt failed and was retried; the
    // two surviving workers still run. The killed worker's job was detected as stalled.
    expect(existsSync(join(dir, 'crashed-5'))).toBe(true);
    expect(text).toMatch(/chunk 5: attempt 1 failed: Unexpected exit code: null signal: SIGSEGV/);
    expect(text).toMatch(/stopped renewing the lock/);
    expect(text).toMatch(/ECONNREFUSED.*\(retrying\)/); // Redis was down mid-run
    expect(survivors.every((w) => alive(w.child.pid!))).toBe(true);

    // No secret in any output; the redacted URL is there.
    for (const p of [coordinator, ...workers]) expect(p.out()).not.toContain(PASSWORD);
    expect(survivors[0]!.out()).toContain(`redis://:***@127.0.0.1:${redis.port}/0`);

    // Enqueuing the same dataset again adds nothing (job ids are the dataset's), and finishes at once.
    const again = spawnScaleOut(['generate', '--config', cfg, '--queue', redis.url]);
    procs.push(again);
    expect((await within(30_000, 'the second coordinator', again.done)).code, again.out()).toBe(0);
    expect(again.out()).toMatch(/8 already written/);
    expect(again.out()).not.toContain(PASSWORD);

    for (const w of survivors) w.child.kill('SIGTERM');
    for (const w of survivors) expect((await within(20_000, 'a worker stops on SIGTERM', w.done)).code).toBe(0);
    await events.close();
  }, 150_000);
});
