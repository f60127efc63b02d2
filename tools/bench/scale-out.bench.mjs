#!/usr/bin/env node
// Benchmark for scaling out (packages/scale-out, through the vstds CLI): end-to-end rows/s of the BullMQ work
// queue with 1 and 3 local `vstds worker` processes (each one chunk job at a time, one render
// process per job), of two static shards in parallel, and of one plain `vstds generate` process
// (one render worker) for reference. JX10 (LV2), 4 s stereo rows. A throwaway redis-server on a
// free 127.0.0.1 port. Runs the CLI from sources through tsx (no build needed).
// Usage: node tools/bench/scale-out.bench.mjs [rows=240] [rows_per_chunk=40]
//   VSTDS_BENCH_DIST=DIR runs the built CLI instead (DIR/bin.js with the scale-out commands, and
//   DIR/chunk-processor.js next to it): no tsx compile in each process start.
// On a 2-core VM several processes only share the same 2 cores: see the load average printed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const cliDir = join(root, 'packages/cli');
const ROWS = Number(process.argv[2] ?? 240);
const PER_CHUNK = Number(process.argv[3] ?? 40);
const tsx = pathToFileURL(createRequire(join(cliDir, 'package.json')).resolve('tsx')).href;
const dist = process.env.VSTDS_BENCH_DIST ? resolve(process.env.VSTDS_BENCH_DIST) : undefined;
const node = (file, args) => (file.endsWith('.js') ? [process.execPath, [file, ...args]] : [process.execPath, ['--conditions=@vstds/source', '--import', tsx, file, ...args]]);

// `vstds` from sources, or the built CLI.
const entry = () => (dist ? join(dist, 'bin.js') : join(cliDir, 'src/bin.ts'));
const scaleOut = entry();

function run(file, args, env = {}) {
  const [cmd, argv] = node(file, args);
  const child = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const done = new Promise((res) => child.on('close', (code) => res({ code, out })));
  return { child, done };
}

async function freePort() {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function startRedis(dir) {
  const port = await freePort();
  writeFileSync(join(dir, 'redis.conf'), `bind 127.0.0.1\nport ${port}\ndir ${dir}\nsave ""\nappendonly no\nlogfile ""\n`);
  const proc = spawn('/usr/bin/redis-server', [join(dir, 'redis.conf')], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((res) => proc.stdout.on('data', (d) => /Ready to accept/.test(d) && res()));
  return { url: `redis://127.0.0.1:${port}/0`, proc };
}

const work = mkdtempSync(join(tmpdir(), 'vstds-bench-scale-out-'));
const cfg = join(work, 'jx10.yaml');
writeFileSync(
  cfg,
  [
    'plugin_path: http://drobilla.net/plugins/mda/JX10',
    'param_spec: mda_jx10',
    `output_dir: ${join(work, 'unused')}`,
    `num_samples: ${ROWS}`,
    `samples_per_file: ${PER_CHUNK}`,
    'num_workers: 1',
    'seed: 42',
  ].join('\n') + '\n',
);

const results = [];
async function timed(name, fn) {
  const load0 = loadavg()[0];
  const t = performance.now();
  await fn();
  const s = (performance.now() - t) / 1000;
  results.push({ name, seconds: s, rowsPerSecond: ROWS / s, load: load0 });
  console.log(`${name.padEnd(34)} ${s.toFixed(1).padStart(6)} s  ${(ROWS / s).toFixed(1).padStart(6)} rows/s  (load avg before: ${load0.toFixed(2)})`);
}

const redis = await startRedis(work);
try {
  console.log(`scale-out bench: ${ROWS} rows of JX10 4 s stereo in chunks of ${PER_CHUNK}, ${availableParallelism()} cores, ${dist ? `built CLI in ${dist}` : 'CLI from sources (tsx)'}`);
  await timed('generate, 1 process, 1 render worker', async () => {
    const r = await run(dist ? join(dist, 'bin.js') : join(cliDir, 'src/bin.ts'), ['generate', '--config', cfg, '--output', join(work, 'single'), '--workers', '1', '--quiet']).done;
    if (r.code !== 0) throw new Error(r.out);
  });
  for (const n of [1, 3]) {
    await timed(`queue, ${n} worker${n > 1 ? 's' : ''} (coordinator incl.)`, async () => {
      const workers = Array.from({ length: n }, () => run(scaleOut, ['worker', '--queue', redis.url, '--queue-name', `bench-${n}`, '--workers', '1']));
      const c = await run(scaleOut, ['generate', '--config', cfg, '--output', join(work, `queue-${n}`), '--queue', redis.url, '--queue-name', `bench-${n}`, '--quiet']).done;
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.done));
      if (c.code !== 0) throw new Error(c.out);
    });
  }
  await timed('2 static shards + finalize', async () => {
    const out = join(work, 'shards');
    const rs = await Promise.all([0, 1].map((i) => run(scaleOut, ['generate', '--config', cfg, '--output', out, '--shard', String(i), '--of', '2', '--workers', '1', '--quiet']).done));
    for (const r of rs) if (r.code !== 0) throw new Error(r.out);
    const f = await run(scaleOut, ['finalize', out]).done;
    if (f.code !== 0) throw new Error(f.out);
  });
  const base = results[0].rowsPerSecond;
  console.log(`speed-up of 3 queue workers over 1: ${(results[2].rowsPerSecond / results[1].rowsPerSecond).toFixed(2)}x; ` +
    `queue with 1 worker vs plain generate: ${((100 * results[1].rowsPerSecond) / base).toFixed(0)} %`);
} finally {
  redis.proc.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
