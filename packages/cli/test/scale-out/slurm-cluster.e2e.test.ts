import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { h5Digest, tempDir } from '../../../scale-out/test/helpers';
import { SlurmCluster, slurmUnavailable } from './slurm-cluster';

const repo = resolve(__dirname, '../../../..');
// The built CLI, the way a cluster runs it (node_modules + `npm run build` on shared storage).
const bin = join(repo, 'packages/cli/dist/bin.js');
const shardsScript = join(repo, 'deploy/slurm/vstds-shards.sbatch');
const finalizeScript = join(repo, 'deploy/slurm/vstds-finalize.sbatch');

const unavailable = slurmUnavailable();
if (unavailable) console.warn(`slurm-cluster.e2e: skipped: ${unavailable}`);

describe.skipIf(unavailable)('static shards on a real Slurm cluster (slurmctld + slurmd + munged on this machine)', () => {
  const cluster = new SlurmCluster();
  const dir = tempDir('slurm');
  const out = join(dir, 'dataset');
  const ref = join(dir, 'reference');
  let reference: Promise<unknown>;

  beforeAll(async () => {
    // 54 rows in 9 chunks of 6: shard i of 3 makes chunks i, i+3, i+6.
    const cfg = join(dir, 'jx10.yaml');
    writeFileSync(cfg, Object.entries({
      plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10', output_dir: join(dir, 'unused'),
      num_samples: 54, samples_per_file: 6, num_workers: 1, seed: 1515,
    }).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n') + '\n');
    // `vstds` on the PATH the jobs inherit from sbatch, as on a cluster.
    writeFileSync(join(dir, 'vstds'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} "$@"\n`);
    chmodSync(join(dir, 'vstds'), 0o755);
    // The single-machine run to compare with, made while the cluster starts.
    reference = promisify(execFile)(process.execPath, [bin, 'generate', '--config', cfg, '--output', ref, '--quiet'], { timeout: 170_000 });
    await cluster.start();
  }, 120_000);
  afterAll(async () => {
    await cluster.stop();
  }, 60_000);

  it('sbatch the deploy/slurm array (3 shards), scancel one task mid-run and requeue it, finalize as a dependency: byte-identical to one machine', async () => {
    const cfg = join(dir, 'jx10.yaml');
    const env = { ...cluster.env, PATH: `${dir}:${process.env.PATH}` };
    const sbatch = (args: string[]) => execFileSync('sbatch', ['--parsable', ...args], { env, encoding: 'utf8' }).trim().split(';')[0]!;
    const A = sbatch([
      '--array=0-2', '--export=ALL,VSTDS_SHARDS=3', '--cpus-per-task=1', '--mem=500M', '--time=00:10:00',
      `--output=${dir}/shard-%A_%a.log`, shardsScript, cfg, out,
    ]);
    const F = sbatch([`--dependency=afterany:${A}`, '--cpus-per-task=1', '--mem=500M', `--output=${dir}/finalize-%j.log`, finalizeScript, out]);
    expect(cluster.job(F).JobState).toBe('PENDING');

    // Task 1 (chunks 1, 4, 7): cancel it once its first chunk is in place, while it makes the next.
    const shardFile = (c: number) => join(out, `dataset_${String(c).padStart(4, '0')}.h5`);
    await cluster.until(() => existsSync(shardFile(1)), 150_000, 'task 1 has written its first chunk');
    const lockOfTask1 = join(out, '.vstds-lock/shared.shards-of-3.1.lock');
    const holder = JSON.parse(readFileSync(lockOfTask1, 'utf8')) as { pid: number; host: string; command: string };
    expect(holder.command).toContain('--shard 1 --of 3');
    cluster.run('scancel', [`${A}_1`]);
    await cluster.until(() => cluster.job(`${A}_1`).JobState === 'CANCELLED', 60_000, 'task 1 is cancelled');
    expect(existsSync(shardFile(7)), 'task 1 was cancelled mid-run, before its last chunk').toBe(false);
    // the killed run's lock is left behind (SIGTERM, then SIGKILL: no exit handler ran)
    expect(existsSync(lockOfTask1)).toBe(true);
    cluster.run('scontrol', ['requeue', `${A}_1`]);
    cluster.run('scontrol', ['update', `jobid=${A}_1`, 'StartTime=now']);

    await cluster.until(() => cluster.queued().length === 0, 170_000, 'every task and the finalize job have ended');
    const taskLog = (t: number) => (existsSync(join(dir, `shard-${A}_${t}.log`)) ? readFileSync(join(dir, `shard-${A}_${t}.log`), 'utf8') : '(no log)');
    for (const t of [0, 1, 2]) expect(cluster.job(`${A}_${t}`), `task ${t}: ${taskLog(t)}`).toMatchObject({ JobState: 'COMPLETED', ExitCode: '0:0' });
    expect(cluster.job(`${A}_1`).Restarts).toBe('1');
    const fin = cluster.job(F);
    const finLog = readFileSync(join(dir, `finalize-${F}.log`), 'utf8');
    expect(fin, finLog).toMatchObject({ JobState: 'COMPLETED', ExitCode: '0:0' });
    expect(finLog).toContain('9 chunks, 54 rows verified');
    // the requeued run resumed: it took over the dead run's lock and made only what was missing
    const task1Log = readFileSync(join(dir, `shard-${A}_1.log`), 'utf8');
    expect(task1Log).toContain(`taking over the lock of pid ${holder.pid} on host ${hostname()}`);
    expect(task1Log).toMatch(/shard 1\/3: [12] chunks written .* [12] were already there/);

    await reference;
    const info = JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8')) as { chunks: { index: number; sha256: string }[] };
    const refInfo = JSON.parse(readFileSync(join(ref, 'dataset_info.json'), 'utf8')) as typeof info;
    expect(info.chunks.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(info.chunks.map((c) => c.sha256)).toEqual(refInfo.chunks.map((c) => c.sha256));
    expect(h5Digest(out)).toEqual(h5Digest(ref));
    expect(readdirSync(out).filter((f) => f.endsWith('.partial') || f.startsWith('.vstds-staging') || f === '.vstds-lock')).toEqual([]);
  }, 180_000);
});
