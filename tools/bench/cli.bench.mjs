#!/usr/bin/env node
// `npx nx run cli:bench`: end-to-end `vstds generate` throughput (rows/s, 4 s stereo rows at
// 44.1 kHz) with mda JX10 (LV2) and Nekobi (VST3) on 1 and 2 workers, the per-stage cost per
// row, and the main process's peak RSS at 1 000 vs 5 000 rows (flat memory).
// Uses the built CLI (packages/cli/dist). Env: BENCH_ROWS (default 400), BENCH_RSS=0 to skip the
// RSS runs (they write ~1.1 MB per row to a temporary directory, deleted afterwards).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const rows = Number(process.env.BENCH_ROWS ?? 400);
const plugins = {
  jx10: { plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10' },
  nekobi: { plugin_path: join(root, '.plugins/vst3/Nekobi.vst3'), param_spec: 'nekobi' },
};

function run(name, workers, numSamples) {
  const dir = mkdtempSync(join(tmpdir(), 'vstds-bench-'));
  const cfg = join(dir, 'bench.yaml');
  const keys = { ...plugins[name], output_dir: 'out', num_samples: numSamples, samples_per_file: 500, num_workers: workers, seed: 1 };
  writeFileSync(cfg, Object.entries(keys).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'generate', '--config', cfg, '--quiet'], { encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
  const s = JSON.parse(readFileSync(join(dir, 'out/run_summary.json'), 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  return { s, wall };
}

const fmt = (x, d = 1) => x.toFixed(d);
console.log(`vstds generate benchmark: ${rows} rows per run, ${cpus().length} cores, load average ${loadavg().map((x) => fmt(x, 2)).join(' ')} at start`);
console.log('plugin  workers  rows/s (pipeline)  rows/s (incl. startup)  ms/row: plugin  host  gate  mel  f16  write  | peak RSS main/worker MB');
for (const name of ['jx10', 'nekobi']) {
  for (const workers of [1, 2]) {
    const { s, wall } = run(name, workers, rows);
    const per = (k) => fmt(s.stage_ms[k] / s.attempts, 2);
    const host = fmt((s.stage_ms.render - s.stage_ms.plugin) / s.attempts, 2);
    console.log(
      `${name.padEnd(7)} ${String(workers).padStart(7)}  ${fmt(s.rows_per_second).padStart(17)}  ${fmt(s.rows_written / wall).padStart(22)}  ` +
        `${per('plugin').padStart(13)}  ${host.padStart(4)}  ${per('gate').padStart(4)}  ${per('mel').padStart(4)}  ${per('float16').padStart(4)}  ${fmt(s.stage_ms.write / s.rows_written, 2).padStart(5)}  | ${s.peak_rss_mb.main}/${s.peak_rss_mb.worker_max}`,
    );
  }
}
if (process.env.BENCH_RSS !== '0') {
  for (const n of [1000, 5000]) {
    const { s } = run('jx10', 2, n);
    console.log(`peak RSS at ${n} rows (JX10, 2 workers): main ${s.peak_rss_mb.main} MB, largest worker ${s.peak_rss_mb.worker_max} MB, ${fmt(s.rows_per_second)} rows/s`);
  }
}
console.log(`load average ${loadavg().map((x) => fmt(x, 2)).join(' ')} at end`);
