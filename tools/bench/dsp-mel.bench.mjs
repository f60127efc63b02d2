#!/usr/bin/env node
// Benchmark for @vstds/dsp-mel: ms per 4 s stereo 44.1 kHz row for each stage (mel, loudness gate,
// float16) and for the fused analyseRow, median of RUNS timed runs after warm-up; "before" = the
// paths of datasets made before issue 16 (FFTW mel, TypeScript K-weighting and float16), "after" =
// today's defaults. Also counts how many float32 mel values the prime-factor DFT ('fast') changes
// against FFTW ('fftw') over a set of synth-like rows.
// Python reference figures measured on this machine (issue 5): librosa mel 10.1 ms, pyloudnorm
// 7.2 ms, float16 + h5py write 3.0 ms, total 20.4 ms.
// Usage: npx nx run dsp-mel:bench   (or: node tools/bench/dsp-mel.bench.mjs [runs])
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
  analyseRow,
  fftBackendInfo,
  integratedLoudness,
  melSpectrogramWithBackend,
  toFloat16Bits,
} from '@vstds/dsp-mel';

const RUNS = Math.max(30, Number(process.argv[2] ?? 40));
const WARMUP = 8;
const RATE = 44100;
const N = 4 * RATE;
const PY = { mel: 10.1, loudness: 7.2, float16: 3.0, total: 20.4 };

function lcg(seed) {
  let s = seed;
  return () =>
    ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

// A deterministic synth-like test row: decaying saw plus a little noise, different per channel.
function row() {
  const rnd = lcg(1);
  return [220, 331].map((f) =>
    Float32Array.from({ length: N }, (_, i) => {
      const phase = ((f * i) / RATE) % 1;
      return 0.5 * Math.exp(-i / RATE) * (2 * phase - 1) + 0.01 * rnd();
    }),
  );
}

// Rows for the bit comparison: harmonic tones over six octaves with a release to silence, pure
// sines (the case where float64 differences reach float32 most often) and noise.
function variedRows(count) {
  const rows = [];
  for (let r = 0; r < count; r++) {
    const rnd = lcg(100 + r);
    const f0 = 40 * 2 ** (((r * 7) % 60) / 10);
    const kind = r % 3;
    rows.push(
      [0, 1].map((c) =>
        Float32Array.from({ length: N }, (_, i) => {
          const t = i / RATE;
          const env =
            Math.exp(-t * (0.3 + (r % 5))) *
            (t < 3 ? 1 : Math.max(0, 1 - (t - 3) * 4));
          if (kind === 0)
            return 0.5 * env * Math.sin(2 * Math.PI * f0 * (1 + c * 0.002) * t);
          if (kind === 1) {
            let v = 0;
            for (let h = 1; h < 16; h++)
              v += Math.sin(2 * Math.PI * f0 * h * t) / h;
            return 0.2 * env * v + 1e-5 * rnd();
          }
          return 0.1 * env * rnd();
        }),
      ),
    );
  }
  return rows;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// Wall time, and this process's CPU time (less inflated when other jobs share the cores).
function time(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { median: median(wall), min: Math.min(...wall), cpu: median(cpu) };
}

// Child mode: the TypeScript loudness and float16 (the addon disabled), reported as JSON.
if (process.argv[3] === '--typescript-stages') {
  const channels = row();
  let sink = 0;
  const out = {
    loudness: time(() => (sink += integratedLoudness(channels, RATE))),
    float16: time(
      () =>
        (sink += toFloat16Bits(channels[0])[7] + toFloat16Bits(channels[1])[7]),
    ),
  };
  console.log(JSON.stringify(out));
  process.exit(Number.isNaN(sink) ? 1 : 0);
}

const channels = row();
const info = fftBackendInfo();
const loadBefore = loadavg()[0];
let sink = 0;
const addon = info.fastAvailable;

const stages = {};
if (addon) {
  stages['mel fftw (before)'] = time(
    () =>
      (sink += melSpectrogramWithBackend(channels, RATE, { backend: 'fftw' })
        .mel.data[5]),
  );
  stages['mel fast (after)'] = time(
    () =>
      (sink += melSpectrogramWithBackend(channels, RATE, { backend: 'fast' })
        .mel.data[5]),
  );
}
stages['mel portable'] = time(
  () =>
    (sink += melSpectrogramWithBackend(channels, RATE, { backend: 'portable' })
      .mel.data[5]),
);
const ts = JSON.parse(
  execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.url), String(RUNS), '--typescript-stages'],
    { env: { ...process.env, VSTDS_DSP_MEL_NATIVE: '0' }, encoding: 'utf8' },
  ),
);
stages['loudness TypeScript (before)'] = ts.loudness;
stages[`loudness ${addon ? 'addon' : 'TypeScript'} (after)`] = time(
  () => (sink += integratedLoudness(channels, RATE)),
);
stages['float16 TypeScript (before)'] = ts.float16;
stages[`float16 ${addon ? 'addon' : 'TypeScript'} (after)`] = time(
  () => (sink += toFloat16Bits(channels[0])[7] + toFloat16Bits(channels[1])[7]),
);
stages['analyseRow (gate+mel+float16)'] = time(() => {
  const r = analyseRow(channels, RATE, { minLoudness: -60 });
  sink += r.accepted ? r.mel.data[5] + r.audio[9] : 0;
});
{
  // The same, filling one reused pair of output arrays (what a worker that sends each row before
  // the next can do): the allocation of ~1.1 MB of fresh typed arrays per row is then gone.
  const into = {
    mel: new Float32Array(2 * 128 * 401),
    audio: new Uint16Array(2 * N),
  };
  stages['analyseRow, reused buffers'] = time(() => {
    const r = analyseRow(channels, RATE, { minLoudness: -60 }, into);
    sink += r.accepted ? r.mel.data[5] + r.audio[9] : 0;
  });
}
const loadAfter = loadavg()[0];

const f = (x) => x.toFixed(2).padStart(7);
console.log(
  `dsp-mel benchmark: 4 s stereo 44.1 kHz row, median of ${RUNS} runs after ${WARMUP} warm-up`,
);
console.log(
  `node ${process.version}; native addon ${addon ? 'available' : `unavailable (${info.fastError})`}; ` +
    `loudness and float16 run ${addon ? 'in the addon' : 'in TypeScript'}`,
);
console.log(
  `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after; 2 cores shared with other jobs`,
);
console.log('');
console.log('stage                              | wall ms |  min ms |  cpu ms');
for (const [name, t] of Object.entries(stages))
  console.log(
    `${name.padEnd(34)} | ${f(t.median)} | ${f(t.min)} | ${f(t.cpu)}`,
  );
console.log(`python (librosa+pyloudnorm+f16)    | ${f(PY.total)} |         |`);
const fused = stages['analyseRow, reused buffers'];
const before = stages['mel fftw (before)'] ?? stages['mel portable'];
const beforeTotal =
  before.median +
  stages['loudness TypeScript (before)'].median +
  stages['float16 TypeScript (before)'].median;
const beforeCpu =
  before.cpu +
  stages['loudness TypeScript (before)'].cpu +
  stages['float16 TypeScript (before)'].cpu;
console.log(
  `\nbefore (separate stages, fftw mel, TypeScript gate and float16): ${beforeTotal.toFixed(2)} ms wall, ${beforeCpu.toFixed(2)} ms cpu`,
);
console.log(
  `after (analyseRow, reused buffers): ${fused.median.toFixed(2)} ms wall (best ${fused.min.toFixed(2)}), ${fused.cpu.toFixed(2)} ms cpu; ` +
    `speed-up ${(beforeTotal / fused.median).toFixed(1)}x wall, ${(beforeCpu / fused.cpu).toFixed(1)}x cpu`,
);
console.log(
  `target <= 2.5 ms: ${fused.median <= 2.5 ? 'MET' : fused.min <= 2.5 ? 'met by the best run only (machine load)' : 'NOT MET'}`,
);

if (addon) {
  const rows = variedRows(24);
  let values = 0;
  let differ = 0;
  let worst = 0;
  let rowsWithDiff = 0;
  for (const ch of rows) {
    const a = melSpectrogramWithBackend(ch, RATE, { backend: 'fast' }).mel.data;
    const b = melSpectrogramWithBackend(ch, RATE, { backend: 'fftw' }).mel.data;
    let d = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        d++;
        worst = Math.max(worst, Math.abs(a[i] - b[i]));
      }
    }
    values += a.length;
    differ += d;
    if (d) rowsWithDiff++;
  }
  console.log(
    `\nfast vs fftw mel bytes over ${rows.length} rows: ${differ} of ${values} float32 values differ ` +
      `(${rowsWithDiff} rows affected), max |Δ| ${worst.toExponential(2)} dB`,
  );
}
if (Number.isNaN(sink)) console.log('');
