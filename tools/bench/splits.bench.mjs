// Benchmark: `vstds split` (virtual split files) and `vstds stats` (Welford over train mel_spec) on
// synthetic full-size rows (4 s stereo 44.1 kHz, 2 × 128 × 401 mel), against the same statistics
// computed in Python with h5py + numpy (streamed from train.h5 in 32-row batches, float64).
// Run: npx nx run splits:bench   (env BENCH_ROWS, BENCH_DIR to override). Uses the built packages.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { from, lastValueFrom, toArray } from 'rxjs';
import { openDatasetDir, parseCompression, writeChunks } from '@vstds/hdf5-chunks';
import { writeSplits, writeStats } from '@vstds/splits';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const ROWS = Number(process.env.BENCH_ROWS ?? 400);
const PER_FILE = 100;
const SR = 44100, CH = 2, SAMPLES = SR * 4, MELS = 128, FRAMES = 401, WIDTH = 25;
const dir = process.env.BENCH_DIR ?? join(root, 'tmp/bench-splits');

let seed = 1;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pool = Array.from({ length: 8 }, () => ({
  audio: new Uint16Array(CH * SAMPLES).map(() => 0x3000 + Math.floor(rnd() * 0x800)),
  mel: new Float32Array(CH * MELS * FRAMES).map(() => -80 + rnd() * 80),
  paramArray: new Float32Array(WIDTH).map(() => rnd()),
}));

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const ds = openDatasetDir(dir, {
  totalSamples: ROWS, samplesPerFile: PER_FILE, compression: parseCompression('none'),
  metadata: {
    audio: { sample_rate: SR, channels: CH, signal_duration_seconds: 4, note_duration_seconds: 1, min_loudness: -60, velocity: 100, min_pitch: 36, max_pitch: 84 },
    paramNames: Array.from({ length: WIDTH }, (_, i) => `p${i}`), paramSpec: {}, plugin: { name: 'bench' }, seed: 1, nMels: MELS,
  },
  config: { bench: true },
});
const rows = Array.from({ length: ROWS }, (_, g) => ({ globalId: g, ...pool[g % pool.length], parameters: { g }, midiNote: 60, velocity: 100 }));
await lastValueFrom(from(rows).pipe(writeChunks(ds), toArray()));

const time = (f) => {
  const t = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - t) / 1e9];
};
const [{ record }, splitS] = time(() => writeSplits(dir, { val: 0.1, test: 0.1, overwrite: true }));
const sizes = ['train', 'val', 'test'].map((s) => statSync(join(dir, `${s}.h5`)).size);
const [stats, statsS] = time(() => writeStats(dir, { overwrite: true }));
const melBytes = stats.rows * CH * MELS * FRAMES * 4;

const py = `
import sys, time, h5py, numpy as np
f = h5py.File(sys.argv[1] + '/train.h5', 'r'); d = f['mel_spec']
t = time.perf_counter()
n = 0; mean = np.zeros(d.shape[1:]); m2 = np.zeros(d.shape[1:])
for i in range(0, d.shape[0], 32):
    x = d[i:i + 32].astype(np.float64); k = x.shape[0]
    bm = x.mean(axis=0); bm2 = ((x - bm) ** 2).sum(axis=0)
    delta = bm - mean; tot = n + k
    mean += delta * (k / tot); m2 += bm2 + delta ** 2 * (n * k / tot); n = tot
std = np.sqrt(m2 / (n - 1))
el = time.perf_counter() - t
z = np.load(sys.argv[1] + '/stats.npz')
print(el, float(np.max(np.abs(z['mean'] - mean) / np.maximum(np.abs(mean), 1e-12))), float(np.max(np.abs(z['std'] - std) / np.maximum(std, 1e-12))))
`;
const [pyS, dMean, dStd] = execFileSync('/usr/bin/python3', ['-c', py, dir], { encoding: 'utf8' }).trim().split(' ').map(Number);

console.log(`splits bench: ${ROWS} rows of 4 s stereo (${PER_FILE} per chunk file), train ${record.counts.train} / val ${record.counts.val} / test ${record.counts.test}`);
console.log(`  split (3 virtual files):          ${splitS.toFixed(2)} s; file sizes ${sizes.map((b) => `${(b / 1024).toFixed(0)} KiB`).join(' / ')}`);
console.log(`  stats (Welford, libhdf5, chunks): ${statsS.toFixed(2)} s, ${(melBytes / 1e6 / statsS).toFixed(0)} MB/s of mel_spec, ${(stats.rows / statsS).toFixed(0)} rows/s`);
console.log(`  same in h5py + numpy (train.h5):  ${pyS.toFixed(2)} s, ${(melBytes / 1e6 / pyS).toFixed(0)} MB/s; ratio ${(pyS / statsS).toFixed(2)}x`);
console.log(`  agreement with numpy: max rel diff mean ${dMean.toExponential(1)}, std ${dStd.toExponential(1)}`);
if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
