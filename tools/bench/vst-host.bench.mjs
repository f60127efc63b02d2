#!/usr/bin/env node
// Benchmark for @vstds/vst-host: renders/s of a 4 s render (one 3 s note) on a reused instance,
// and host overhead = (wall time - plugin process() time) / plugin process() time, where the
// process() time is measured natively around each plugin process()/run() call. Wall time is the
// whole `await plugin.render(req)`: validation, reset protocol, thread-pool hop, copies.
// Target: overhead <= 10 %. Prototype (issue 3): Nekobi 273 renders/s, process() 1.93 ms + 0.95 ms host.
// Usage: npx nx run vst-host:bench   (or: node tools/bench/vst-host.bench.mjs [renders])
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadPlugin } from '@vstds/vst-host';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERS = Math.max(20, Number(process.argv[2] ?? 200));
const WARMUP = 10;

const targets = [
  {
    label: 'Nekobi (VST3, DPF)',
    path: resolve(root, '.plugins/vst3/Nekobi.vst3'),
    params: { cutoff: 0.4, vcf_resonance: 0.5 },
  },
  {
    label: 'mda JX10 (LV2)',
    path: 'http://drobilla.net/plugins/mda/JX10',
    params: { vcf_freq: 0.5 },
  },
  {
    label: 'VstdsJuceSynth (VST3, JUCE)',
    path: resolve(root, '.plugins/vst3/VstdsJuceSynth.vst3'),
    params: { cutoff_hz: 0.4 },
  },
  {
    // Surge XT's cost shape: a few ms of work in every state restore (tools/fixtures/juce-synth).
    label: 'VstdsJuceSlowSynth (slow state)',
    path: resolve(root, '.plugins/vst3/VstdsJuceSlowSynth.vst3'),
    params: { cutoff_hz: 0.4 },
  },
  {
    // Slow state plus a clock-seeded generator: only 'instance' repeats (see the vst-host README).
    label: 'VstdsJuceClockSynth (clock)',
    path: resolve(root, '.plugins/vst3/VstdsJuceClockSynth.vst3'),
    params: { cutoff_hz: 0.4 },
  },
];

const req = (params) => ({
  params,
  notes: [{ pitch: 48, velocity: 100, start: 0, end: 3 }],
  seconds: 4,
});

async function bench({ label, path, params }, reset) {
  if (!path.includes('://') && !existsSync(path))
    return console.log(`${label}: not installed (${path}), skipped`);
  const t0 = performance.now();
  let plugin;
  try {
    plugin = await loadPlugin(path, { reset });
  } catch (error) {
    return console.log(`${label.padEnd(30)} reset=${reset.padEnd(8)} n/a: ${error.message}`);
  }
  const loadMs = performance.now() - t0;
  try {
    for (let i = 0; i < WARMUP; i++) await plugin.render(req(params));
    let processSeconds = 0;
    let nativeSeconds = 0;
    // Per render too: on a shared machine the median resists the stalls other jobs cause.
    const outside = [];
    const start = performance.now();
    for (let i = 0; i < RENDERS; i++) {
      const out = await plugin.render(req(params));
      processSeconds += out.processSeconds;
      nativeSeconds += out.nativeSeconds;
      outside.push((out.nativeSeconds - out.processSeconds) * 1000);
    }
    outside.sort((a, b) => a - b);
    const outsideMedianMs = outside[outside.length >> 1];
    const wallMs = (performance.now() - start) / RENDERS;
    const processMs = (processSeconds * 1000) / RENDERS;
    const nativeHostMs = (nativeSeconds * 1000) / RENDERS - processMs;
    const hostMs = wallMs - processMs;
    console.log(
      `${label.padEnd(30)} reset=${reset.padEnd(8)} ${plugin.info.outputChannels}ch  ` +
        `${(1000 / wallMs).toFixed(0).padStart(5)} renders/s  wall ${wallMs.toFixed(3)} ms = process() ${processMs.toFixed(3)} ms + host ${hostMs.toFixed(3)} ms ` +
        `(native outside process() ${nativeHostMs.toFixed(3)}, median ${outsideMedianMs.toFixed(3)}; thread hop + JS ${(hostMs - nativeHostMs).toFixed(3)})  ` +
        `overhead ${((100 * hostMs) / processMs).toFixed(1)} %  (load ${loadMs.toFixed(1)} ms)`,
    );
  } finally {
    plugin.close();
  }
}

console.log(
  `vst-host bench: ${RENDERS} sequential renders of 4 s at 44.1 kHz, block 512, after ${WARMUP} warm-up renders`,
);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const t of targets) {
  if (!t.path.includes('://') && !existsSync(t.path)) continue;
  const probe = await loadPlugin(t.path);
  console.log(
    `${t.label}: the default reset 'auto' picks '${probe.resetMode}'`,
  );
  probe.close();
}
for (const t of targets)
  for (const reset of ['params', 'state', 'instance']) await bench(t, reset);
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
