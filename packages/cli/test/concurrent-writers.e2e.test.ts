import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, collect, digestDataset, repoRoot, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

// The built CLI, as a user runs it (`npm run setup` builds it).
const bin = join(repoRoot, 'packages/cli/dist/bin.js');
const vstds = (args: string[]) => spawn(process.execPath, [bin, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A loaded machine may take seconds to start node: wait for the first writer to hold its lock. */
async function lockTaken(file: string): Promise<void> {
  for (let i = 0; i < 1200 && !existsSync(file); i++) await sleep(50);
  expect(existsSync(file)).toBe(true);
}

const jx10 = (dir: string, out: string, rows = 30) =>
  writeConfig(dir, 'jx10.yaml', {
    plugin_path: 'http://drobilla.net/plugins/mda/JX10',
    param_spec: 'mda_jx10',
    output_dir: out,
    num_samples: rows,
    samples_per_file: rows / 3,
    num_workers: 1,
    seed: 15,
  });

describe('two writers on one output directory (issue 15)', () => {
  it('a second `vstds generate` half a second later refuses with exit 2 naming the holder; the first finishes and the dataset verifies', async () => {
    const dir = tempDir('conc');
    const out = join(dir, 'conc');
    const cfg = jx10(dir, out);
    const first = vstds(['generate', '--config', cfg]);
    const firstDone = collect(first);
    await sleep(500);
    await lockTaken(join(out, '.vstds-lock/exclusive.lock'));
    const second = await collect(vstds(['generate', '--config', cfg]));
    expect(second.code).toBe(2);
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${out}: in use by another writer (pid ${first.pid} on host ${hostname()}, started `);
    expect(lines[0]).toContain(`running "vstds generate --config ${cfg}"`);
    // nothing of the second run reached the directory: no manifest claims, no partial of its own
    const done = await firstDone;
    expect(done.stderr).toContain(`30 rows in ${out}`);
    expect(done.code).toBe(0);
    expect(existsSync(join(out, '.vstds-lock'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8')) as { completed_samples: number; chunks: unknown[] };
    expect(manifest).toMatchObject({ completed_samples: 30 });
    expect(manifest.chunks).toHaveLength(3);
    expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const verify = await collect(vstds(['verify', out]));
    expect(verify.code).toBe(0);
    expect(digestDataset(out)).toMatchObject({ rows: 30, finite: true });
  }, 240_000);

  it('a finalize while a shard runs, and a duplicate shard, are refused; a generate after a kill -9 takes the lock over', async () => {
    const dir = tempDir('conc-shard');
    const out = join(dir, 'ds');
    // big enough that shard 0 (chunks 0 and 2, 160 rows) still runs after the three refused commands
    const cfg = jx10(dir, out, 240);
    const shard = vstds(['generate', '--config', cfg, '--shard', '0', '--of', '2']);
    const shardDone = collect(shard);
    await lockTaken(join(out, '.vstds-lock/shared.shards-of-2.0.lock'));
    const fin = await collect(vstds(['finalize', out]));
    expect(fin.code).toBe(2);
    expect(fin.stderr).toContain(`in use by another writer (pid ${shard.pid} on host ${hostname()}`);
    expect(fin.stderr).toContain('--shard 0 --of 2" as shards-of-2 member 0');
    const dup = await collect(vstds(['generate', '--config', cfg, '--shard', '0', '--of', '2']));
    expect(dup.code).toBe(2);
    const local = await collect(vstds(['generate', '--config', cfg]));
    expect(local.code).toBe(2);
    shard.kill('SIGKILL');
    expect((await shardDone).signal).toBe('SIGKILL');
    // the killed shard left its lock; its rerun (Slurm's requeue) takes it over and resumes
    const rerun = await collect(vstds(['generate', '--config', cfg, '--shard', '0', '--of', '2']));
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain(`taking over the lock of pid ${shard.pid} on host ${hostname()}`);
    expect((await collect(vstds(['generate', '--config', cfg, '--shard', '1', '--of', '2']))).code).toBe(0);
    const done = await collect(vstds(['finalize', out]));
    expect(done.code).toBe(0);
    expect(digestDataset(out)).toMatchObject({ rows: 240, finite: true });
  }, 300_000);
});
