// Benchmark: chunk-writer throughput (MB/s of row payload, 1000 rows of 4 s stereo 44.1 kHz, none and
// gzip:1, fsync + sha256 included) and reader latency per random row. Uses the built packages.
// Run: npx nx run hdf5-chunks:bench   (env BENCH_ROWS, BENCH_DIR to override)
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { from, lastValueFrom, toArray } from 'rxjs';
import { openDatasetDir, parseCompression, writeChunks } from '@vstds/hdf5-chunks';
import { ChunkedDatasetReader } from '@vstds/reader';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const PER_FILE = 250;
const SR = 44100, CH = 2, SAMPLES = SR * 4, MELS = 128, FRAMES = 401, WIDTH = 300;
const base = process.env.BENCH_DIR ?? join(root, 'tmp/bench-hdf5-chunks');

function halfBits(x) {
  // float → half via float32 bits, truncating the mantissa: fine for benchmark data
  const u = new Uint32Array(new Float32Array([x]).buffer)[0];
  const e = ((u >>> 23) & 0xff) - 112;
  const s = (u >>> 16) & 0x8000;
  if (e <= 0) return s;
  return s | (e << 10) | ((u >>> 13) & 0x3ff);
}

// 16 distinct synth-like rows (decaying harmonics + a little noise), reused with new global ids.
let seed = 1;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pool = Array.from({ length: 16 }, (_, k) => {
  const audio = new Uint16Array(CH * SAMPLES);
  const hz = 110 * 2 ** (k / 12);
  for (let c = 0; c < CH; c++)
    for (let i = 0; i < SAMPLES; i++) {
      const t = i / SR;
      const v = (Math.sin(2 * Math.PI * hz * t) + 0.3 * Math.sin(6 * Math.PI * hz * t + c)) * Math.exp(-t) * 0.5 + (rnd() - 0.5) * 1e-3;
      audio[c * SAMPLES + i] = halfBits(v);
    }
  const mel = new Float32Array(CH * MELS * FRAMES).map(() => -80 + rnd() * 80);
  const paramArray = new Float32Array(WIDTH).map(() => rnd());
  return { audio, mel, paramArray };
});
const rowBytes = pool[0].audio.byteLength + pool[0].mel.byteLength + pool[0].paramArray.byteLength;
const metadata = {
  audio: { sample_rate: SR, channels: CH, signal_duration_seconds: 4, note_duration_seconds: 3, min_loudness: -50, velocity: 100, min_pitch: 36, max_pitch: 84 },
  paramNames: Array.from({ length: WIDTH }, (_, i) => `p${i}`), paramSpec: null, plugin: { name: 'bench' }, seed: 1, nMels: MELS,
};
function* rows() {
  for (let g = 0; g < ROWS; g++) {
    const p = pool[g % pool.length];
    yield { globalId: g, ...p, parameters: `{"row":${g},"p0":${p.paramArray[0]}}`, midiNote: 60, velocity: 100 };
  }
}

console.log(`hdf5-chunks bench: ${ROWS} rows of 4 s stereo 44.1 kHz (${(rowBytes / 1e6).toFixed(2)} MB payload per row), ${PER_FILE} rows per chunk`);
const results = {};
for (const compression of ['none', 'gzip:1']) {
  const dir = join(base, compression.replace(':', ''));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ds = openDatasetDir(dir, { totalSamples: ROWS, samplesPerFile: PER_FILE, compression: parseCompression(compression), metadata, config: {} });
  const t0 = performance.now();
  const written = await lastValueFrom(from(rows()).pipe(writeChunks(ds), toArray()));
  const s = (performance.now() - t0) / 1000;
  const onDisk = written.reduce((t, c) => t + c.bytes, 0);
  results[compression] = (ROWS * rowBytes) / 1e6 / s;
  console.log(`write ${compression.padEnd(6)}: ${results[compression].toFixed(1)} MB/s (${(ROWS / s).toFixed(1)} rows/s, ${s.toFixed(2)} s, ${(onDisk / 1e6).toFixed(0)} MB on disk, fsync + sha256 included)`);
}

const reader = await ChunkedDatasetReader.open(join(base, 'none'));
await reader.getSample(0); // load h5wasm, open the first chunk
const n = Math.min(200, ROWS);
const perRow = async (seed) => {
  const t = performance.now();
  await reader.getRandomSamples(n, { seed });
  return (performance.now() - t) / n;
};
// Cold: the first pass opens the other chunk files and grows the WASM heap. Warm: a second pass
// with another seed (other rows), files open: what a notebook or a training loop sees.
const cold = await perRow(42);
const warm = await perRow(43);
console.log(`reader   : ${warm.toFixed(2)} ms per random row warm, ${cold.toFixed(2)} ms cold (${n} rows, audio + mel + params decoded, files in page cache)`);
reader.close();
console.log(`targets  : ≥ 200 MB/s uncompressed (${results.none >= 200 ? 'met' : 'NOT met'}), ≤ 2 ms per random row (warm: ${warm <= 2 ? 'met' : 'NOT met'}; cold: ${cold <= 2 ? 'met' : 'NOT met'})`);
if (!process.env.BENCH_KEEP) rmSync(base, { recursive: true, force: true });
