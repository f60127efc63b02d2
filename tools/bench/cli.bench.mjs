#!/usr/bin/env node
// `npx nx run cli:bench`: end-to-end `vstds generate` (4 s stereo rows at 44.1 kHz, the default codec)
// with mda JX10 (LV2), Nekobi (VST3) and the slow-state JUCE stand-in (VstdsJuceSlowSynth.vst3: a few
// ms of work in every setState, as Surge XT), on 1 and 2 workers: rows/s, the per-stage cost per
// attempt, the main process's write time per row, and on one worker the plugin's own render time
// (process() only, stage_ms.plugin) against the whole row time: "vstds overhead = X % of plugin time".
// Then peak RSS of the main process and the largest worker at 1 000, 5 000 (and 20 000) rows: flat.
// Uses the built CLI (packages/cli/dist) and the plugins of `npm test`'s setup (.plugins/).
// Env: BENCH_ROWS rows per throughput run (default 400); BENCH_PLUGINS (default jx10,nekobi,juce-slow);
// BENCH_RSS=0 skips the RSS runs; BENCH_RSS_ROWS (default 1000,5000; add 20000 for the full check:
// ~15 min and ~7 GB in the temporary directory on a quiet 2-core machine). Run directories are deleted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const rows = Number(process.env.BENCH_ROWS ?? 400);
const plugins = {
  jx10: { plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10' },
  nekobi: { plugin_path: join(root, '.plugins/vst3/Nekobi.vst3'), param_spec: 'nekobi' },
  'juce-slow': { plugin_path: join(root, '.plugins/vst3/VstdsJuceSlowSynth.vst3'), param_spec: join(root, 'tools/fixtures/juce-synth/juce_spec.yaml') },
};
const names = (process.env.BENCH_PLUGINS ?? 'jx10,nekobi,juce-slow').split(',');
const rssRows = (process.env.BENCH_RSS_ROWS ?? '1000,5000').split(',').map(Number);

function run(name, workers, numSamples) {
  const dir = mkdtempSync(join(tmpdir(), 'vstds-bench-'));
  try {
    const cfg = join(dir, 'bench.yaml');
    const keys = { ...plugins[name], output_dir: 'out', num_samples: numSamples, samples_per_file: 500, num_workers: workers, seed: 1 };
    writeFileSync(cfg, Object.entries(keys).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n'));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, 'generate', '--config', cfg, '--quiet'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const wall = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`${name}: vstds generate exited with ${r.status}: ${r.stderr}`);
    return { s: JSON.parse(readFileSync(join(dir, 'out/run_summary.json'), 'utf8')), wall };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (x, d = 1) => x.toFixed(d);
const load = () => loadavg().map((x) => fmt(x, 2)).join(' ');
if (!existsSync(bin)) throw new Error(`${bin} is missing: build the CLI first (npx nx run cli:build)`);
console.log(`vstds generate benchmark: ${rows} rows per run, default codec, ${cpus().length} cores, load average ${load()} at start`);
console.log('ms per attempt (worker stages), write = main-process ms per row (chunk writer, on the main thread)');
console.log('plugin     workers  rows/s (pipeline)  rows/s (incl. startup)  attempts/row  ms: plugin  host  gate   mel   f16  write  | peak RSS main/worker MB');
const overhead = [];
for (const name of names) {
  if (!plugins[name]) throw new Error(`BENCH_PLUGINS: unknown plugin "${name}" (expected one of ${Object.keys(plugins).join(', ')})`);
  const path = plugins[name].plugin_path;
  if (path.startsWith('/') && !existsSync(path)) {
    console.log(`${name.padEnd(10)} not built: ${path} is missing (npm test's setup builds it: bash tools/setup.sh)`);
    continue;
  }
  for (const workers of [1, 2]) {
    const { s, wall } = run(name, workers, rows);
    const per = (ms) => fmt(ms / s.attempts, 2).padStart(5);
    console.log(
      `${name.padEnd(10)} ${String(workers).padStart(7)}  ${fmt(s.rows_per_second).padStart(17)}  ${fmt(s.rows_written / wall).padStart(22)}  ${fmt(s.attempts / s.rows_written, 2).padStart(12)}  ` +
        `${per(s.stage_ms.plugin).padStart(10)} ${per(s.stage_ms.render - s.stage_ms.plugin)} ${per(s.stage_ms.gate)} ${per(s.stage_ms.mel)} ${per(s.stage_ms.float16)} ` +
        `${fmt(s.stage_ms.write / s.rows_written, 2).padStart(6)}  | ${s.peak_rss_mb.main}/${s.peak_rss_mb.worker_max}`,
    );
    if (workers === 1) {
      // Per accepted row: the whole row time on one worker against the plugin's process() time of
      // all its attempts (rejected draws are part of what a row costs).
      const rowMs = 1000 / s.rows_per_second;
      const pluginMs = s.stage_ms.plugin / s.rows_written;
      overhead.push({ name, rps: s.rows_per_second, pluginRps: 1000 / pluginMs, pct: ((rowMs - pluginMs) / pluginMs) * 100 });
    }
  }
}
console.log('\none worker: rows/s against the rate the plugin\'s own render time (process(), all attempts) allows');
for (const o of overhead) {
  console.log(`${o.name.padEnd(10)} ${fmt(o.rps).padStart(6)} rows/s, plugin alone ${fmt(o.pluginRps, 0).padStart(5)} rows/s (${fmt((o.rps / o.pluginRps) * 100)} % of it): vstds overhead = ${fmt(o.pct, 0)} % of plugin time`);
}
if (process.env.BENCH_RSS !== '0') {
  console.log('\npeak RSS (MB), JX10 on 2 workers: flat means no per-row growth');
  console.log('rows    main  largest worker  rows/s');
  for (const n of rssRows) {
    const { s } = run('jx10', 2, n);
    console.log(`${String(n).padStart(5)}  ${String(s.peak_rss_mb.main).padStart(5)}  ${String(s.peak_rss_mb.worker_max).padStart(14)}  ${fmt(s.rows_per_second).padStart(6)}`);
  }
}
console.log(`load average ${load()} at end`);
