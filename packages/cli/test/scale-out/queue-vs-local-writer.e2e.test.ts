import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { h5Digest, tempDir, within } from '../../../scale-out/test/helpers';
import { killGroup, type Proc, spawnScaleOut } from './spawn-vstds';
import { RedisServer } from '../../../scale-out/test/redis-server';

/*
 * Queue workers cooperate by design and take no directory lock: they stage each chunk privately
 * and hard-link it into place (never replacing a file). Here they race a local `vstds generate`
 * (which holds the directory's lock and renames its own files into place) on the same chunks:
 * whoever finishes a chunk first, every file ends up whole, byte-identical to a single-machine run,
 * the manifest lists each chunk once with the sha256 of the file on disk, and nothing is left over.
 */
describe('queue workers and a concurrent local writer on one directory (mda JX10)', () => {
  const redis = new RedisServer({ aof: true });
  const procs: Proc[] = [];
  beforeAll(async () => {
    await redis.start();
  });
  afterAll(async () => {
    for (const p of procs) killGroup(p);
    await redis.stop();
  });

  it('every chunk whole and once, byte-identical to one machine, the dataset verifies', async () => {
    const dir = tempDir('queue-local');
    const cfg = join(dir, 'jx10.yaml');
    const out = join(dir, 'dataset');
    writeFileSync(cfg, Object.entries({
      plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10', output_dir: out,
      num_samples: 48, samples_per_file: 8, num_workers: 1, seed: 99,
    }).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n') + '\n');
    const ref = join(dir, 'reference');
    const single = spawnScaleOut(['generate', '--config', cfg, '--output', ref, '--quiet']);
    procs.push(single);

    // The local writer first (a directory with chunk files but no manifest would be refused)…
    const local = spawnScaleOut(['generate', '--config', cfg, '--quiet']);
    procs.push(local);
    await within(120_000, 'the local writer lists its first chunk', (async () => {
      while (!existsSync(join(out, 'dataset_info.json'))) await new Promise((r) => setTimeout(r, 50));
    })());
    // …then the queue: enqueue what is missing, and two workers making chunks meanwhile.
    const enqueue = spawnScaleOut(['generate', '--config', cfg, '--queue', redis.url, '--detach']);
    procs.push(enqueue);
    expect((await within(60_000, 'enqueue', enqueue.done)).code, enqueue.out()).toBe(0);
    const enqueued = Number(/(\d+) chunk jobs enqueued/.exec(enqueue.out())?.[1]);
    expect(enqueued, enqueue.out()).toBeGreaterThan(0);
    const workers = [0, 1].map(() => spawnScaleOut(['worker', '--queue', redis.url, '--workers', '1']));
    procs.push(...workers);

    const l = await within(170_000, 'the local writer finishes', local.done);
    expect(l.code, local.out()).toBe(0);
    // the coordinator (not detached this time) waits for the jobs, checks every file and finalizes
    const coordinator = spawnScaleOut(['generate', '--config', cfg, '--queue', redis.url]);
    procs.push(coordinator);
    expect((await within(120_000, 'the coordinator finishes', coordinator.done)).code, `${coordinator.out()}\n${workers.map((w) => w.out()).join('\n')}`).toBe(0);
    const workerLog = workers.map((w) => w.out()).join('\n');
    const made = (workerLog.match(/: written /g) ?? []).length;
    const found = (workerLog.match(/: already there /g) ?? []).length;
    expect(made + found, workerLog).toBe(enqueued);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => within(30_000, 'a worker stops', w.done)));

    expect((await within(120_000, 'the reference run', single.done)).code, single.out()).toBe(0);
    const info = JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8')) as { completed_samples: number; chunks: { index: number; file: string; sha256: string }[] };
    const refInfo = JSON.parse(readFileSync(join(ref, 'dataset_info.json'), 'utf8')) as typeof info;
    expect(info.completed_samples).toBe(48);
    expect(info.chunks.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(info.chunks.map((c) => c.sha256)).toEqual(refInfo.chunks.map((c) => c.sha256));
    for (const c of info.chunks) {
      expect(execFileSync('sha256sum', [join(out, c.file)], { encoding: 'utf8' }).split(' ')[0], c.file).toBe(c.sha256);
    }
    expect(h5Digest(out)).toEqual(h5Digest(ref));
    expect(readdirSync(out).filter((f) => f.endsWith('.partial') || f.startsWith('.vstds-staging') || f === '.vstds-lock')).toEqual([]);
    const verify = spawnScaleOut(['verify', out]);
    procs.push(verify);
    expect((await within(60_000, 'verify', verify.done)).code, verify.out()).toBe(0);
  }, 400_000);
});
