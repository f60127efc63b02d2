import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_NAME, parseRedisUrl, QUEUE_PREFIX } from '@vstds/scale-out';
import { alive, childPids, h5Digest, tempDir, within } from '../../../scale-out/test/helpers';
import { vstdsBin } from '../e2e-helpers';
import { killGroup, type Proc, spawnScaleOut } from './spawn-vstds';
import { RedisServer } from '../../../scale-out/test/redis-server';

const PASSWORD = 'Real-e2e-pw-93';
const JX10 = 'http://drobilla.net/plugins/mda/JX10';

function writeJx10Config(dir: string, rows: number, perChunk: number): string {
  const path = join(dir, 'jx10.yaml');
  const keys = { plugin_path: JX10, param_spec: 'mda_jx10', output_dir: join(dir, 'unused'), num_samples: rows, samples_per_file: perChunk, num_workers: 1, seed: 2024 };
  writeFileSync(path, Object.entries(keys).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n') + '\n');
  return path;
}

/** The single-machine run: `vstds generate` (the CLI's own pipeline, one process). */
function singleMachine(cfg: string, out: string): void {
  execFileSync(process.execPath, [vstdsBin, 'generate', '--config', cfg, '--output', out, '--quiet'], {
    stdio: 'pipe',
    timeout: 600_000, // generous: the 2-core CI machine may be loaded
  });
}

/*
 * What must match a single-machine run: every array byte for byte (audio and mel_spec included:
 * vst-host's deterministic heap makes mda JX10 render reproducibly), the parameters JSON, and the
 * dtypes and shapes.
 */
const arrays = (d: Record<string, Record<string, string | number>>) => d;

describe('scaling out the real generate pipeline (mda JX10, LV2)', () => {
  const redis = new RedisServer({ password: PASSWORD, aof: true });
  const procs: Proc[] = [];
  beforeAll(async () => {
    await redis.start();
  });
  afterAll(async () => {
    for (const p of procs) killGroup(p);
    await redis.stop();
  });

  it('coordinator + three workers, kill -9 of one mid-chunk and a Redis restart: every chunk once, arrays byte-identical to a single-machine run', async () => {
    const dir = tempDir('real-queue');
    const cfg = writeJx10Config(dir, 72, 12); // 6 chunks
    const ref = join(dir, 'reference');
    singleMachine(cfg, ref);
    const out = join(dir, 'dataset');

    const { connection } = parseRedisUrl(redis.url);
    const events = new QueueEvents(DEFAULT_QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
    events.on('error', () => {});
    const completed = new Map<string, number>();
    const progressBy = new Map<string, number>();
    events.on('completed', ({ jobId }) => completed.set(jobId, (completed.get(jobId) ?? 0) + 1));
    events.on('progress', ({ data }) => {
      const p = data as { rows: number; total: number; worker: string };
      if (p.rows > 0 && p.rows < p.total) progressBy.set(p.worker, p.rows);
    });
    await events.waitUntilReady();

    const workers = [0, 1, 2].map(() => spawnScaleOut(['worker', '--queue', redis.url, '--workers', '1', '--lock-ms', '6000', '--stalled-ms', '1000']));
    procs.push(...workers);
    const coordinator = spawnScaleOut(['generate', '--config', cfg, '--output', out, '--queue', redis.url, '--backoff-ms', '300']);
    procs.push(coordinator);

    // kill -9 whichever worker is first seen half-way through a chunk.
    const idOf = (p: Proc) => `${hostname()}:${p.child.pid}`;
    const victim = await within(90_000, 'a worker reports rows of a chunk', (async () => {
      for (;;) {
        const w = workers.find((p) => progressBy.has(idOf(p)));
        if (w) return w;
        await new Promise((r) => setTimeout(r, 25));
      }
    })());
    const survivors = workers.filter((w) => w !== victim);
    const processors = childPids(victim.child.pid!);
    const orphans = [...processors, ...processors.flatMap(childPids)]; // its processor and that one's render processes
    expect(orphans.length).toBeGreaterThan(1);
    process.kill(victim.child.pid!, 'SIGKILL');
    await victim.done;
    await redis.restart(500);
    await within(10_000, 'the killed worker\'s processes exit', (async () => {
      while (orphans.some(alive)) await new Promise((r) => setTimeout(r, 50));
    })());

    const result = await within(150_000, 'the coordinator finishes', coordinator.done);
    const text = coordinator.out();
    expect(result.code, `${text}\n${workers.map((w) => w.out()).join('\n')}`).toBe(0);
    expect(text).toMatch(/stopped renewing the lock/);
    expect([...completed.values()].every((n) => n === 1), JSON.stringify([...completed])).toBe(true);
    expect(completed.size).toBe(6);
    const info = JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8'));
    expect(info.chunks.map((c: { index: number }) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(readdirSync(out).filter((f) => f.endsWith('.h5'))).toHaveLength(6);
    expect(readdirSync(out).filter((f) => f.endsWith('.partial') || f.startsWith('.vstds-staging'))).toEqual([]);
    const got = h5Digest(out);
    expect(got['dataset_0000.h5']!.dtype_audio).toBe('float16');
    expect(arrays(got)).toEqual(arrays(h5Digest(ref)));
    // And the files themselves: the sha256 the single-machine run's manifest lists.
    const refInfo = JSON.parse(readFileSync(join(ref, 'dataset_info.json'), 'utf8'));
    expect(info.chunks.map((c: { sha256: string }) => c.sha256)).toEqual(refInfo.chunks.map((c: { sha256: string }) => c.sha256));
    for (const p of [coordinator, ...workers]) expect(p.out()).not.toContain(PASSWORD);
    expect(survivors.every((w) => alive(w.child.pid!))).toBe(true);
    for (const w of survivors) w.child.kill('SIGTERM');
    for (const w of survivors) await within(30_000, 'a worker stops', w.done);
    await events.close();
  }, 1_200_000);

  it('--shard 0 --of 2 and --shard 1 --of 2 in two processes, then finalize: arrays byte-identical to a single-machine run', async () => {
    const dir = tempDir('real-shards');
    const cfg = writeJx10Config(dir, 40, 10); // 4 chunks
    const ref = join(dir, 'reference');
    singleMachine(cfg, ref);
    const out = join(dir, 'dataset');
    const shards = ['0', '1'].map((i) => spawnScaleOut(['generate', '--config', cfg, '--output', out, '--shard', i, '--of', '2']));
    procs.push(...shards);
    for (const s of shards) expect((await within(600_000, 'a shard', s.done)).code, s.out()).toBe(0);
    const fin = spawnScaleOut(['finalize', out]);
    procs.push(fin);
    expect((await within(60_000, 'finalize', fin.done)).code, fin.out()).toBe(0);
    expect(arrays(h5Digest(out))).toEqual(arrays(h5Digest(ref)));
  }, 1_200_000);
});
