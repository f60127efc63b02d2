#!/usr/bin/env node
// `npx nx run cli:bench:effects`: render speed through a 2-effect chain. Nekobi (VST3) alone vs
// Nekobi → MVerb (VST3 reverb) → x42-eq (LV2), 4 s stereo rows at 44.1 kHz, one 3 s note:
//  1. host level (@vstds/vst-host): renders/s, plugin process() ms and host ms per render;
//  2. end to end (`vstds generate`, built CLI in packages/cli/dist, 1 worker): rows/s and the
//     per-row plugin / host / mel ms from run_summary.json.
// The two setups alternate (A B A B) so that load drift on a shared machine hits both; compare
// the ratio within one run, not the absolute figures. Env: BENCH_RENDERS (200), BENCH_ROWS (200).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadChain, loadPlugin } from '@vstds/vst-host';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERS = Math.max(20, Number(process.env.BENCH_RENDERS ?? 200));
const ROWS = Math.max(20, Number(process.env.BENCH_ROWS ?? 200));
const nekobi = join(root, '.plugins/vst3/Nekobi.vst3');
const fixtures = join(root, 'tools/fixtures/effects');
const effects = [
  { plugin_path: join(root, '.plugins/vst3/MVerb.vst3'), param_spec: join(fixtures, 'mverb_spec.yaml'), params: { mix: 0.5, decay: 0.6, size: 0.7 } },
  { plugin_path: 'http://gareus.org/oss/lv2/fil4#stereo', param_spec: join(fixtures, 'fil4_spec.yaml'), params: { gain_db: 0.5 } },
];
const fmt = (x, d = 1) => x.toFixed(d);
const load = () => loadavg().map((x) => fmt(x, 2)).join(' ');

async function hostLevel(withEffects) {
  const r = withEffects
    ? await loadChain(nekobi, effects.map((e) => ({ path: e.plugin_path })))
    : await loadPlugin(nekobi);
  const req = { params: { cutoff: 0.4, vcf_resonance: 0.5 }, notes: [{ pitch: 48, velocity: 100, start: 0, end: 3 }], seconds: 4 };
  if (withEffects) req.effectParams = effects.map((e) => e.params);
  try {
    for (let i = 0; i < 10; i++) await r.render(req);
    let process = 0;
    const t0 = performance.now();
    for (let i = 0; i < RENDERS; i++) process += (await r.render(req)).processSeconds;
    const wallMs = (performance.now() - t0) / RENDERS;
    const pluginMs = (process * 1000) / RENDERS;
    return { perS: 1000 / wallMs, pluginMs, hostMs: wallMs - pluginMs };
  } finally {
    r.close();
  }
}

function endToEnd(withEffects) {
  const dir = mkdtempSync(join(tmpdir(), 'vstds-bench-fx-'));
  const keys = { plugin_path: nekobi, param_spec: 'nekobi', output_dir: 'out', num_samples: ROWS, samples_per_file: 500, num_workers: 1, seed: 1 };
  if (withEffects) keys.effects = effects.map(({ plugin_path, param_spec }) => ({ plugin_path, param_spec }));
  const cfg = join(dir, 'bench.yaml');
  writeFileSync(cfg, Object.entries(keys).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n'));
  const r = spawnSync(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'generate', '--config', cfg, '--quiet'], { encoding: 'utf8' });
  try {
    if (r.status !== 0) throw new Error(`generate (${withEffects ? 'chain' : 'alone'}): ${r.stderr}`);
    const s = JSON.parse(readFileSync(join(dir, 'out/run_summary.json'), 'utf8'));
    const per = (k) => s.stage_ms[k] / s.attempts;
    return { perS: s.rows_per_second, pluginMs: per('plugin'), hostMs: per('render') - per('plugin'), melMs: per('mel') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(title, unit, runs) {
  console.log(title);
  const mean = (xs, k) => xs.reduce((t, x) => t + x[k], 0) / xs.length;
  const rows = {};
  for (const [label, xs] of Object.entries(runs)) {
    rows[label] = { perS: mean(xs, 'perS'), pluginMs: mean(xs, 'pluginMs'), hostMs: mean(xs, 'hostMs') };
    const r = rows[label];
    console.log(`  ${label.padEnd(34)} ${fmt(r.perS).padStart(7)} ${unit}  plugin ${fmt(r.pluginMs, 2)} ms  host ${fmt(r.hostMs, 2)} ms per row  (runs: ${xs.map((x) => fmt(x.perS)).join(', ')})`);
  }
  const [a, b] = Object.values(rows);
  console.log(`  chain / alone: ${fmt(b.perS / a.perS, 2)}× the ${unit}, ${fmt(b.pluginMs / a.pluginMs, 2)}× the plugin ms`);
}

console.log(`effect-chain bench: ${cpus().length} cores, load average ${load()} at start`);
const labels = ['Nekobi alone', 'Nekobi → MVerb → x42-eq'];
const host = { [labels[0]]: [], [labels[1]]: [] };
for (let k = 0; k < 2; k++) for (const fx of [false, true]) host[labels[Number(fx)]].push(await hostLevel(fx));
report(`host level (vst-host, ${RENDERS} renders of 4 s per run):`, 'renders/s', host);
const e2e = { [labels[0]]: [], [labels[1]]: [] };
for (let k = 0; k < 2; k++) for (const fx of [false, true]) e2e[labels[Number(fx)]].push(endToEnd(fx));
report(`end to end (vstds generate, 1 worker, ${ROWS} rows per run):`, 'rows/s', e2e);
console.log(`load average ${load()} at end`);
