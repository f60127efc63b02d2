// Benchmark: chunk storage per codec on real rendered rows (mda JX10 and DPF Nekobi, rendered once by
// `vstds generate` into BENCH_DIR/source-*). Per codec: bytes per row, ratio to uncompressed, write
// MB/s of raw row data and rows/s on one core (the writer runs in this one thread: HDF5 and its filters
// are WebAssembly; fsync, sha256 and the read-back check included), main-process write time per row
// (CPU of the whole process, and of its main thread alone: the checksum and fsync of finished chunks
// run on a hashing thread and libuv's pool while the main thread writes on), and random-row read latency warm and cold in TypeScript (@vstds/reader) and in Debian's h5py.
// Run: npx nx run hdf5-chunks:bench   (env BENCH_ROWS rows per plugin, default 200; BENCH_REPEAT rounds, default 3,
// the best counts; BENCH_CODECS; BENCH_DIR; BENCH_KEEP)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { from, lastValueFrom, toArray } from 'rxjs';
import { formatCompression, loadH5wasm, openDatasetDir, parseCompression, readManifest, writeChunks } from '@vstds/hdf5-chunks';
import { ChunkedDatasetReader } from '@vstds/reader';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const ROWS = Number(process.env.BENCH_ROWS ?? 200);
const PER_FILE = 100;
const base = process.env.BENCH_DIR ?? join(root, 'tmp/bench-hdf5-chunks');
const CODECS = (process.env.BENCH_CODECS ?? 'none,gzip:1,lz4,zstd:1,zstd:3,blosc:lz4:5,blosc:zstd:1,blosc:zstd:5').split(',');
const PLUGINS = [
  { name: 'JX10', config: 'configs/quickstart.yaml' },
  { name: 'Nekobi', config: 'configs/nekobi_vst3.yaml' },
];
const READS = 100;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

/** CPU ms of this process's main thread alone (Linux: utime + stime of /proc/self/task/<pid>, 10 ms ticks). */
function mainThreadCpuMs() {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Renders the source rows once with the real CLI (uncompressed, one worker) and keeps them for reruns. */
function renderSource(p) {
  const dir = join(base, `source-${p.name}`);
  const m = existsSync(dir) ? readManifest(dir) : undefined;
  if (m && m.completed_samples === ROWS) return dir;
  rmSync(dir, { recursive: true, force: true });
  console.log(`rendering ${ROWS} ${p.name} rows (${p.config}) …`);
  execFileSync(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'generate', '--config', join(root, p.config), '--output', dir,
    '--num-samples', String(ROWS), '--workers', '1', '--overwrite'], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  return dir;
}

/** The source dataset's rows as ChunkRows (raw float16 bits, as the pipeline hands them to the writer). */
async function loadRows(dir) {
  const h5 = await loadH5wasm();
  const info = readManifest(dir);
  const rows = [];
  for (const c of info.chunks) {
    const f = new h5.File(join(dir, c.file), 'r');
    const raw = (name, ctor) => {
      const md = h5.Module.get_dataset_metadata(f.file_id, `/${name}`);
      const shape = md.shape.map(Number);
      const per = shape.slice(1).reduce((a, b) => a * b, 1);
      const bytes = shape[0] * per * md.size;
      const ptr = h5.Module._malloc(bytes);
      h5.Module.get_dataset_data(f.file_id, `/${name}`, shape.map(BigInt), shape.map(() => 0n), shape.map(() => 1n), BigInt(ptr));
      const all = h5.Module.HEAPU8.slice(ptr, ptr + bytes);
      h5.Module._free(ptr);
      return Array.from({ length: shape[0] }, (_, i) => new ctor(all.buffer, i * per * md.size, per));
    };
    const audio = raw('audio', Uint16Array);
    const mel = raw('mel_spec', Float32Array);
    const params = raw('param_array', Float32Array);
    const text = f.get('parameters').value;
    const notes = f.get('midi_notes').value;
    const vel = f.get('velocities').value;
    for (let i = 0; i < audio.length; i++) {
      rows.push({ globalId: c.first_global_id + i, audio: audio[i], mel: mel[i], paramArray: params[i], parameters: text[i], midiNote: notes[i], velocity: vel[i] });
    }
    f.close();
  }
  const metadata = {
    audio: info.audio, paramNames: info.param_names, paramSpec: info.spec, plugin: info.plugin, seed: info.seed, nMels: info.n_mels,
  };
  return { rows, metadata };
}

const H5PY_READ = `
import sys, json, time, random, h5py, hdf5plugin
files = sys.argv[1:]
def run(seed, fs):  # one random row: audio, mel, params, parameters
    rnd = random.Random(seed)
    t = time.perf_counter()
    for _ in range(${READS}):
        f = fs[rnd.randrange(len(fs))]
        i = rnd.randrange(f['audio'].shape[0])
        f['audio'][i]; f['mel_spec'][i]; f['param_array'][i]; f['parameters'][i]
    return (time.perf_counter() - t) / ${READS} * 1000
try:
    t = time.perf_counter()
    fs = [h5py.File(p, 'r') for p in files]
    run(1, fs)
    cold = (time.perf_counter() - t) * 1000 / ${READS}  # includes opening the files
    warm = run(2, fs)
    print(json.dumps({'cold': cold, 'warm': warm}))
except OSError as e:
    print(json.dumps({'error': str(e).split('(')[0].strip()}))
`;

const fmt = (x, d = 1) => (x === undefined ? 'n/a' : x.toFixed(d));
console.log(`hdf5-chunks bench (${new Date().toISOString()}): ${ROWS} real rows per plugin, ${PER_FILE} rows per chunk file, load ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
const table = [];
for (const p of PLUGINS) {
  const { rows, metadata } = await loadRows(renderSource(p));
  const rowBytes = rows[0].audio.byteLength + rows[0].mel.byteLength + rows[0].paramArray.byteLength;
  const best = new Map();
  // Rounds interleave the codecs and the best round counts: on a shared machine that is the figure
  // least distorted by other processes (the load is printed above).
  for (let round = 0; round < REPEAT; round++) {
    for (const codec of CODECS) {
      const dir = join(base, `${p.name}-${codec.replaceAll(':', '_')}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const compression = parseCompression(codec);
      const ds = openDatasetDir(dir, { totalSamples: rows.length, samplesPerFile: PER_FILE, compression, metadata, config: { compression: codec } });
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const m0 = mainThreadCpuMs();
      const written = await lastValueFrom(from(rows).pipe(writeChunks(ds), toArray()));
      const c1 = process.cpuUsage(c0);
      const mainCpu = (mainThreadCpuMs() - m0) / 1000;
      const s = (performance.now() - t0) / 1000;
      // CPU seconds of this one thread's process: on a shared machine the figure for "one core".
      const cpu = (c1.user + c1.system) / 1e6;
      const perRow = written.reduce((t, c) => t + c.bytes, 0) / rows.length;

      const reader = await ChunkedDatasetReader.open(dir);
      const perRead = async (seed) => {
        const t = performance.now();
        await reader.getRandomSamples(READS, { seed });
        return (performance.now() - t) / READS;
      };
      const tsCold = await perRead(42); // first touch: opens the other chunk file, grows the WASM heap
      const tsWarm = await perRead(43);
      reader.close();
      const py = JSON.parse(execFileSync('/usr/bin/python3', ['-c', H5PY_READ, ...written.map((c) => join(dir, c.file))], { encoding: 'utf8' }));
      const b = best.get(codec);
      const min = (x, y) => (x === undefined ? y : y === undefined ? x : Math.min(x, y));
      best.set(codec, {
        plugin: p.name, codec: formatCompression(compression), bytesPerRow: perRow, seconds: min(b?.seconds, s), cpu: min(b?.cpu, cpu), mainCpu: min(b?.mainCpu, mainCpu), tsWarm: min(b?.tsWarm, tsWarm),
        tsCold: min(b?.tsCold, tsCold), pyWarm: min(b?.pyWarm, py.warm), pyCold: min(b?.pyCold, py.cold), pyError: py.error,
      });
      if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    }
  }
  const plainPerRow = best.get(CODECS[0]).bytesPerRow;
  for (const r of best.values()) {
    Object.assign(r, {
      ratio: plainPerRow / r.bytesPerRow, mbs: (rows.length * rowBytes) / 1e6 / r.seconds, rowsPerS: rows.length / r.seconds, msPerRow: (r.seconds * 1000) / rows.length,
      cpuMbs: (rows.length * rowBytes) / 1e6 / r.cpu, cpuMsPerRow: (r.cpu * 1000) / rows.length, mainMsPerRow: (r.mainCpu * 1000) / rows.length,
    });
    table.push(r);
    console.log(
      `${r.plugin.padEnd(6)} ${r.codec.padEnd(12)} ${(r.bytesPerRow / 1e6).toFixed(3)} MB/row  ${fmt(r.ratio, 2)}×  write ${fmt(r.mbs)} MB/s ${fmt(r.rowsPerS)} rows/s (${fmt(r.msPerRow, 2)} ms/row; CPU ${fmt(r.cpuMbs)} MB/s, ${fmt(r.cpuMsPerRow, 2)} ms/row, main thread ${fmt(r.mainMsPerRow, 2)} ms/row)` +
        `  read TS ${fmt(r.tsWarm, 2)} warm / ${fmt(r.tsCold, 2)} cold ms  h5py ${r.pyError ? `cannot read: ${r.pyError}` : `${fmt(r.pyWarm, 2)} warm / ${fmt(r.pyCold, 2)} cold ms`}`,
    );
  }
}

console.log('\n| plugin | codec | MB per row | ratio | write MB/s raw (wall / CPU) | rows/s (wall) | ms/row (wall / CPU / main-thread CPU) | TS read warm / cold ms | h5py read warm / cold ms |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of table) {
  console.log(`| ${r.plugin} | ${r.codec} | ${(r.bytesPerRow / 1e6).toFixed(3)} | ${fmt(r.ratio, 2)}× | ${fmt(r.mbs, 0)} / ${fmt(r.cpuMbs, 0)} | ${fmt(r.rowsPerS, 0)} | ${fmt(r.msPerRow, 2)} / ${fmt(r.cpuMsPerRow, 2)} / ${fmt(r.mainMsPerRow, 2)} | ${fmt(r.tsWarm, 2)} / ${fmt(r.tsCold, 2)} | ${r.pyError ? 'needs pip hdf5plugin' : `${fmt(r.pyWarm, 2)} / ${fmt(r.pyCold, 2)}`} |`);
}
console.log('\nsize of 100k / 1M rows:');
for (const r of table) console.log(`  ${r.plugin.padEnd(6)} ${r.codec.padEnd(12)} ${(r.bytesPerRow * 1e5 / 1e9).toFixed(1)} GB / ${(r.bytesPerRow * 1e6 / 1e12).toFixed(2)} TB`);
const plain = table.find((r) => r.plugin === 'JX10' && r.codec === 'none');
if (plain) {
  console.log(`targets: uncompressed write ≤ 1 ms per row in the main process: ${fmt(plain.msPerRow, 2)} ms wall, ${fmt(plain.cpuMsPerRow, 2)} ms CPU of the process, ` +
    `${fmt(plain.mainMsPerRow, 2)} ms CPU of its main thread (${plain.mainMsPerRow <= 1 ? 'met' : 'NOT met'} on the main thread, ${plain.cpuMsPerRow <= 1 ? 'met' : 'NOT met'} on the whole process)`);
}
const lz4 = table.filter((r) => r.codec === formatCompression(parseCompression(undefined)));
for (const r of lz4) console.log(`default codec ${r.codec} (${r.plugin}): ${fmt(r.cpuMsPerRow, 2)} ms CPU per row of the process, ${fmt(r.mainMsPerRow, 2)} ms of its main thread`);
const def = table.find((r) => r.plugin === 'JX10' && r.codec === formatCompression(parseCompression(undefined)));
if (def) {
  console.log(`default ${def.codec} on JX10: ${fmt(def.ratio, 2)}× smaller (target ≥ 3: ${def.ratio >= 3 ? 'met' : 'NOT met'}), ` +
    `${fmt(def.mbs, 0)} MB/s raw wall, ${fmt(def.cpuMbs, 0)} MB/s per CPU second (target ≥ 250: ${def.cpuMbs >= 250 ? 'met' : 'NOT met'} on CPU time), ${fmt(def.tsWarm, 2)} ms warm read (target ≤ 3: ${def.tsWarm <= 3 ? 'met' : 'NOT met'})`);
}
console.log(`load at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
