#!/usr/bin/env node
// Benchmark for @vstds/dsp-mel: ms per 4 s stereo 44.1 kHz row for mel, loudness and float16, median
// of RUNS timed runs after warm-up, for the fast (native FFTW) and the portable (fft.js) paths.
// Python reference figures measured on this machine (issue 5): librosa mel 10.1 ms, pyloudnorm
// 7.2 ms, float16 + h5py write 3.0 ms, total 20.4 ms.
// Usage: npx nx run dsp-mel:bench   (or: node tools/bench/dsp-mel.bench.mjs [runs])
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
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

// A deterministic synth-like test row: decaying saw plus a little noise, different per channel.
function row() {
  let seed = 1;
  const rnd = () =>
    ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return [220, 331].map((f) =>
    Float32Array.from({ length: N }, (_, i) => {
      const phase = ((f * i) / RATE) % 1;
      return 0.5 * Math.exp(-i / RATE) * (2 * phase - 1) + 0.01 * rnd();
    }),
  );
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return { median: median(ms), min: Math.min(...ms) };
}

const channels = row();
const info = fftBackendInfo();
const backends = info.fastAvailable ? ['fast', 'portable'] : ['portable'];
const loadBefore = loadavg()[0];
let sink = 0;
const loud = time(() => (sink += integratedLoudness(channels, RATE)));
const f16 = time(
  () => (sink += toFloat16Bits(channels[0])[7] + toFloat16Bits(channels[1])[7]),
);
const results = backends.map((backend) => ({
  backend,
  mel: time(
    () =>
      (sink += melSpectrogramWithBackend(channels, RATE, { backend }).mel
        .data[5]),
  ),
}));
const loadAfter = loadavg()[0];

const f = (x) => x.toFixed(2).padStart(7);
console.log(
  `dsp-mel benchmark: 4 s stereo 44.1 kHz row, median of ${RUNS} runs after ${WARMUP} warm-up (min in brackets)`,
);
console.log(
  `node ${process.version}; fast path ${info.fastAvailable ? 'available' : `unavailable (${info.fastError})`}`,
);
console.log(
  `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after; 2 cores shared with other jobs`,
);
console.log('');
console.log(
  'path       |     mel | loudness | float16 |   total | python total | speed-up',
);
for (const r of results) {
  const total = r.mel.median + loud.median + f16.median;
  console.log(
    `${r.backend.padEnd(10)} | ${f(r.mel.median)} | ${f(loud.median)}  | ${f(f16.median)} | ${f(total)} | ${f(PY.total)}      | ${(PY.total / total).toFixed(2)}x`,
  );
  console.log(
    `  (min)    | ${f(r.mel.min)} | ${f(loud.min)}  | ${f(f16.min)} |`,
  );
}
console.log(
  `python     | ${f(PY.mel)} | ${f(PY.loudness)}  | ${f(PY.float16)} | ${f(PY.total)} |   (librosa / pyloudnorm / astype(float16)+h5py write)`,
);
const fast = results.find((r) => r.backend === 'fast');
if (fast) {
  const total = fast.mel.median + loud.median + f16.median;
  console.log(
    `\ntarget: fast total <= 10 ms -> ${total.toFixed(2)} ms ${total <= 10 ? 'MET' : 'NOT MET'}`,
  );
}
if (Number.isNaN(sink)) console.log('');
