import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Dataset as H5Dataset, File as H5File } from 'h5wasm/node';
import { type ChunkMetadata, type ChunkRow, samplesPerChannel } from './chunk-row';
import { chunkDatasets, OPTIONAL_CHUNK_DATASETS } from './chunk-schema';
import { type ArrayCompression, type Compression, NO_COMPRESSION, filterSettings } from './compression';
import { fsyncDir, fsyncPath, fsyncPathAsync, freeBytes, sha256File } from './durable-fs';
import { ChunkCheckError, ChunkWriteError, DiskFullError, Hdf5ChunksError, RowOrderError, RowShapeError, firstLines } from './errors';
import type { FileHasher } from './file-hasher';
import { type H5Wasm, loadH5wasm, loadedH5wasm } from './h5wasm-module';
import { markBloscOptional, patchDatasetToFloat16, zeroObjectHeaderTimes } from './object-header';
import { readBackChunk } from './read-back-chunk';
import { DATASET_FORMAT_VERSION, VSTDS_VERSION } from './version';



/** Rows per HDF5 write: the WASM heap grows to the largest single write and never shrinks. */
export const MAX_ROWS_PER_WRITE = 16;
const LIBVER: ['v110', 'v110'] = ['v110', 'v110']; // readable by HDF5 1.10 (Debian's h5py)

export interface ChunkWriterOptions {
  /** Final path of the chunk file; the writer writes `<file>.partial` and renames on close. */
  file: string;
  index: number;
  /** Global id of the chunk's first row; rows must follow with consecutive ids. */
  firstGlobalId: number;
  /** Rows the chunk will hold, when known: used for the disk-space estimate in errors. */
  expectedRows?: number;
  compression?: Compression;
  metadata: ChunkMetadata;
  /** The dataset's format version, which decides the datasets written (e.g. `peaks` from 2 on). Default: the current one. */
  formatVersion?: number;
}

/** A chunk that was closed, fsynced, renamed into place and read back. */
export interface ChunkWritten {
  index: number;
  /** File name relative to the dataset directory. */
  file: string;
  first_global_id: number;
  num_samples: number;
  bytes: number;
  sha256: string;
}

interface Shapes {
  channels: number;
  samples: number;
  nMels: number;
  frames: number;
  width: number;
}

/**
 * Writes one chunk file in the seed's schema with h5wasm: big per-row arrays (`audio` as float16,
 * `mel_spec`) are written in batches of ≤ 16 rows, one row per HDF5 chunk; the small per-row values
 * are kept and written at close (variable-length strings cannot be written by slice). Nothing is
 * visible under the final name until `close()` has fsynced and renamed the file.
 */
export class ChunkWriter {
  private file: H5File | undefined;
  private shapes: Shapes | undefined;
  private batch: ChunkRow[] = [];
  private rows = 0;
  private heapPtr = 0;
  private heapBytes = 0;
  private readonly midi: number[] = [];
  private readonly velocities: number[] = [];
  private readonly peaks: number[] = [];
  private readonly params: Float32Array[] = [];
  private readonly parameters: string[] = [];
  private readonly presets: (ChunkRow['preset'] | undefined)[] = [];
  private done = false;
  private arraysCreated = false;
  readonly partialPath: string;

  private constructor(
    private readonly h5: H5Wasm,
    readonly options: ChunkWriterOptions,
  ) {
    this.partialPath = `${options.file}.partial`;
  }

  static async create(options: ChunkWriterOptions): Promise<ChunkWriter> {
    await loadH5wasm();
    return ChunkWriter.createLoaded(options);
  }

  /** Synchronous `create` for code that has already awaited `loadH5wasm()`. */
  static createLoaded(options: ChunkWriterOptions): ChunkWriter {
    const h5 = loadedH5wasm();
    const w = new ChunkWriter(h5, options);
    w.guard(() => {
      w.file = new h5.File(w.partialPath, 'w', { libver: LIBVER });
    });
    return w;
  }

  /** Rows written so far (including buffered ones). */
  get numRows(): number {
    return this.rows;
  }

  private get formatVersion(): number {
    return this.options.formatVersion ?? DATASET_FORMAT_VERSION;
  }

  /** Adds a row; rows must arrive in global-id order. */
  write(row: ChunkRow): void {
    if (this.done) throw new Hdf5ChunksError(`${this.options.file}: write after close`);
    const expectedId = this.options.firstGlobalId + this.rows;
    if (row.globalId !== expectedId) {
      throw new RowOrderError(`${basename(this.options.file)}: expected row ${expectedId} next, got row ${row.globalId}`);
    }
    this.checkShape(row);
    this.batch.push(row);
    this.midi.push(row.midiNote);
    this.velocities.push(row.velocity);
    this.peaks.push(row.peak ?? Number.NaN);
    this.params.push(row.paramArray);
    this.parameters.push(typeof row.parameters === 'string' ? row.parameters : JSON.stringify(row.parameters));
    this.presets.push(row.preset);
    this.rows++;
    if (this.batch.length >= MAX_ROWS_PER_WRITE) this.guard(() => this.flush());
  }

  /** Flushes, writes the small datasets and attributes, closes, fsyncs, checks, hashes and renames the file. */
  close(): ChunkWritten {
    this.seal();
    return this.published(() => {
      fsyncPath(this.partialPath);
      this.checkReadBack();
      return sha256File(this.partialPath);
    });
  }

  /**
   * `close()` in two parts: the HDF5 part (flush, small datasets, attributes, close) now, on this
   * thread; then `finishInBackground` fsyncs on libuv's pool and checksums on the hasher's thread,
   * so the caller can write the next chunk's rows meanwhile.
   */
  seal(): void {
    if (this.done) throw new Hdf5ChunksError(`${this.options.file}: closed twice`);
    if (this.rows === 0) {
      this.abort();
      throw new Hdf5ChunksError(`${this.options.file}: expected at least one row before close, got none`);
    }
    const addrs: number[] = [];
    this.guard(() => {
      this.flush();
      this.writeTail(addrs);
      this.freeHeap();
      this.file!.close();
      this.file = undefined;
      const fd = openSync(this.partialPath, 'r+');
      try {
        for (const addr of addrs) zeroObjectHeaderTimes(fd, addr);
      } finally {
        closeSync(fd);
      }
    });
    this.done = true;
  }

  /** The rest of `close()` after `seal()`: same checks, same result, off the main thread where it can. */
  async finishInBackground(hasher: FileHasher): Promise<ChunkWritten> {
    if (!this.done || this.file) throw new Hdf5ChunksError(`${this.options.file}: finishInBackground before seal`);
    let sum: { sha256: string; bytes: number };
    try {
      await fsyncPathAsync(this.partialPath);
      this.checkReadBack();
      sum = await hasher.hash(this.partialPath);
    } catch (err) {
      rmSync(this.partialPath, { force: true });
      throw err;
    }
    return this.published(() => sum);
  }

  /**
   * Renames the sealed, fsynced, checked and hashed file into place. The final name only ever
   * appears on a file that read back as written; on any failure the partial file is deleted.
   */
  private published(checkedSum: () => { sha256: string; bytes: number }): ChunkWritten {
    let sum: { sha256: string; bytes: number };
    try {
      sum = checkedSum();
      renameSync(this.partialPath, this.options.file);
    } catch (err) {
      rmSync(this.partialPath, { force: true });
      throw err;
    }
    fsyncDir(dirname(this.options.file));
    return {
      index: this.options.index,
      file: basename(this.options.file),
      first_global_id: this.options.firstGlobalId,
      num_samples: this.rows,
      bytes: sum.bytes,
      sha256: sum.sha256,
    };
  }

  /** Only a file that reads back as written gets a checksum (and so a manifest entry). */
  private checkReadBack(): void {
    const problem = readBackChunk(this.h5, this.partialPath, { index: this.options.index, firstGlobalId: this.options.firstGlobalId, numSamples: this.rows, formatVersion: this.formatVersion });
    if (problem) throw new ChunkCheckError(this.options.file, problem);
  }

  /** Closes (if possible) and deletes the partial file. */
  abort(): void {
    this.done = true;
    this.freeHeap();
    try {
      this.file?.close();
    } catch {
      // the file is being thrown away; HDF5 may already be in an error state
    }
    this.file = undefined;
    rmSync(this.partialPath, { force: true });
  }

  private checkShape(row: ChunkRow): void {
    const name = basename(this.options.file);
    const a = this.options.metadata.audio;
    if (!this.shapes) {
      const samples = samplesPerChannel(a);
      const nMels = this.options.metadata.nMels ?? 128;
      const frames = row.mel.length / (a.channels * nMels);
      if (!Number.isInteger(frames) || frames < 1) {
        throw new RowShapeError(name, row.globalId, 'mel', `a multiple of channels·n_mels = ${a.channels * nMels} values`, `${row.mel.length}`);
      }
      this.shapes = { channels: a.channels, samples, nMels, frames, width: row.paramArray.length };
    }
    const s = this.shapes;
    const check = (key: string, got: number, want: number, what: string) => {
      if (got !== want) throw new RowShapeError(name, row.globalId, key, `${want} values (${what}, as the first row)`, `${got}`);
    };
    check('audio', row.audio.length, s.channels * s.samples, `${s.channels} channels × ${s.samples} samples`);
    check('mel', row.mel.length, s.channels * s.nMels * s.frames, `${s.channels} × ${s.nMels} × ${s.frames}`);
    check('paramArray', row.paramArray.length, s.width, 'encoded width');
    if (!(row.audio instanceof Uint16Array)) throw new RowShapeError(name, row.globalId, 'audio', 'a Uint16Array of float16 bits', row.audio);
    if (this.rows > 0 && (row.preset === undefined) !== (this.presets[0] === undefined)) {
      const want = this.presets[0] === undefined ? 'no preset (as the first row)' : 'a preset {file, sha256} (as the first row)';
      throw new RowShapeError(name, row.globalId, 'preset', want, row.preset === undefined ? 'none' : JSON.stringify(row.preset));
    }
    if (row.peak !== undefined && typeof row.peak !== 'number') throw new RowShapeError(name, row.globalId, 'peak', 'a number (NaN: not measured)', String(row.peak));
    for (const [key, v] of [['midiNote', row.midiNote], ['velocity', row.velocity]] as const) {
      if (!Number.isInteger(v) || v < -32768 || v > 32767) throw new RowShapeError(name, row.globalId, key, 'an int16 integer', String(v));
    }
  }

  /** Creates audio and mel_spec at the first row, when their shapes are known: one HDF5 chunk per row. */
  private createArrays(): void {
    const s = this.shapes!;
    const f = this.file!;
    const c = this.options.compression ?? NO_COMPRESSION;
    const audio = f.create_dataset({
      name: 'audio', data: new Float32Array(0), dtype: '<f',
      shape: [0, s.channels, s.samples], maxshape: [null, s.channels, s.samples], chunks: [1, s.channels, s.samples], ...filterOptions(c.audio),
    });
    const mel = f.create_dataset({
      name: 'mel_spec', data: new Float32Array(0), dtype: '<f',
      shape: [0, s.channels, s.nMels, s.frames], maxshape: [null, s.channels, s.nMels, s.frames], chunks: [1, s.channels, s.nMels, s.frames],
      ...filterOptions(c.mel_spec),
    });
    const addr = refAddress(audio);
    const melAddr = refAddress(mel);
    f.close();
    // h5wasm cannot create float16: patch the float32 dataset's header while it holds no data.
    const fd = openSync(this.partialPath, 'r+');
    try {
      patchDatasetToFloat16(fd, addr);
      if (c.audio.codec.startsWith('blosc')) markBloscOptional(fd, addr);
      if (c.mel_spec.codec.startsWith('blosc')) markBloscOptional(fd, melAddr);
    } finally {
      closeSync(fd);
    }
    this.file = new this.h5.File(this.partialPath, 'a', { libver: LIBVER });
    this.arraysCreated = true;
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    if (!this.arraysCreated) this.createArrays();
    const s = this.shapes!;
    const f = this.file!;
    const n = this.batch.length;
    const start = this.rows - n;
    const audioRow = s.channels * s.samples * 2;
    const melRow = s.channels * s.nMels * s.frames * 4;
    this.ensureHeap(n * Math.max(audioRow, melRow));
    const M = this.h5.Module;
    const big = (xs: number[]) => xs.map((x) => BigInt(x));

    (f.get('audio') as H5Dataset).resize([start + n, s.channels, s.samples]);
    for (let i = 0; i < n; i++) {
      const a = this.batch[i]!.audio;
      M.HEAPU8.set(new Uint8Array(a.buffer, a.byteOffset, audioRow), this.heapPtr + i * audioRow);
    }
    M.set_dataset_data(f.file_id, '/audio', big([n, s.channels, s.samples]), big([start, 0, 0]), big([1, 1, 1]), BigInt(this.heapPtr));

    (f.get('mel_spec') as H5Dataset).resize([start + n, s.channels, s.nMels, s.frames]);
    for (let i = 0; i < n; i++) {
      const m = this.batch[i]!.mel;
      M.HEAPU8.set(new Uint8Array(m.buffer, m.byteOffset, melRow), this.heapPtr + i * melRow);
    }
    M.set_dataset_data(f.file_id, '/mel_spec', big([n, s.channels, s.nMels, s.frames]), big([start, 0, 0, 0]), big([1, 1, 1, 1]), BigInt(this.heapPtr));
    const written = this.batch;
    this.batch = [];
    for (const row of written) row.release?.();
  }

  private writeTail(addrs: number[]): void {
    const f = this.file!;
    const s = this.shapes!;
    const n = this.rows;
    const md = this.options.metadata;
    const pa = new Float32Array(n * s.width);
    this.params.forEach((p, i) => pa.set(p, i * s.width));
    f.create_dataset({ name: 'param_array', data: pa, shape: [n, s.width], dtype: '<f' });
    f.create_dataset({ name: 'parameters', data: this.parameters, shape: [n], dtype: 'S' });
    f.create_dataset({ name: 'midi_notes', data: Int16Array.from(this.midi), shape: [n], dtype: '<h' });
    f.create_dataset({ name: 'velocities', data: Int16Array.from(this.velocities), shape: [n], dtype: '<h' });
    const ids = new BigInt64Array(n);
    for (let i = 0; i < n; i++) ids[i] = BigInt(this.options.firstGlobalId + i);
    f.create_dataset({ name: 'global_ids', data: ids, shape: [n], dtype: '<q' });
    const datasets = chunkDatasets(this.formatVersion);
    if (datasets.includes('peaks')) f.create_dataset({ name: 'peaks', data: Float32Array.from(this.peaks), shape: [n], dtype: '<f' });
    const withPresets = this.presets[0] !== undefined;
    if (withPresets) {
      f.create_dataset({ name: 'preset_files', data: this.presets.map((p) => p!.file), shape: [n], dtype: 'S' });
      f.create_dataset({ name: 'preset_sha256', data: this.presets.map((p) => p!.sha256), shape: [n], dtype: 'S' });
    }

    const audio = f.get('audio') as H5Dataset;
    const a = md.audio;
    const int = (name: string, v: number) => audio.create_attribute(name, BigInt64Array.of(BigInt(v)), [], '<q');
    const dbl = (name: string, v: number) => audio.create_attribute(name, Float64Array.of(v), [], '<d');
    if (Array.isArray(a.velocity)) audio.create_attribute('velocity', BigInt64Array.from(a.velocity.map(BigInt)), [2], '<q');
    else int('velocity', a.velocity);
    dbl('signal_duration_seconds', a.signal_duration_seconds);
    int('sample_rate', a.sample_rate);
    dbl('min_loudness', a.min_loudness);
    int('channels', a.channels);
    dbl('note_duration_seconds', a.note_duration_seconds);
    int('min_pitch', a.min_pitch);
    int('max_pitch', a.max_pitch);

    const str = (name: string, v: string) => f.create_attribute(name, v, [], 'S');
    str('param_names', JSON.stringify(md.paramNames));
    str('param_spec', JSON.stringify(md.paramSpec));
    str('vstds_version', md.vstdsVersion ?? VSTDS_VERSION);
    str('plugin', JSON.stringify(md.plugin));
    f.create_attribute('chunk_index', BigInt64Array.of(BigInt(this.options.index)), [], '<q');
    if (typeof md.seed === 'number') f.create_attribute('seed', BigInt64Array.of(BigInt(md.seed)), [], '<q');
    else str('seed', md.seed);

    addrs.push(refAddress(f));
    for (const name of [...datasets, ...(withPresets ? OPTIONAL_CHUNK_DATASETS : [])]) {
      addrs.push(refAddress(f.get(name) as H5Dataset));
    }
  }

  private ensureHeap(bytes: number): void {
    if (this.heapBytes >= bytes) return;
    this.freeHeap();
    this.heapPtr = this.h5.Module._malloc(bytes);
    if (!this.heapPtr) throw new Hdf5ChunksError(`${this.options.file}: could not allocate ${bytes} bytes in the WASM heap`);
    this.heapBytes = bytes;
  }

  private freeHeap(): void {
    if (this.heapPtr) this.h5.Module._free(this.heapPtr);
    this.heapPtr = 0;
    this.heapBytes = 0;
  }

  /** Runs an HDF5 step; on failure removes the partial file and throws a named error. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (err) {
      this.abort();
      if (err instanceof Hdf5ChunksError) throw err;
      if (isDiskFull(err)) throw new DiskFullError(this.options.file, this.estimateBytes(), freeBytes(dirname(this.options.file)));
      throw new ChunkWriteError(this.options.file, err);
    }
  }

  private estimateBytes(): number {
    const s = this.shapes;
    const rows = Math.max(this.options.expectedRows ?? 0, this.rows);
    if (!s) return 0;
    const avgParams = this.parameters.reduce((t, p) => t + Buffer.byteLength(p), 0) / Math.max(1, this.parameters.length);
    const perRow = s.channels * s.samples * 2 + s.channels * s.nMels * s.frames * 4 + s.width * 4 + 12 + avgParams + 16;
    return Math.ceil(rows * perRow + 64 * 1024);
  }
}

/** h5wasm's create_dataset options for one array's codec; gzip as before (same bytes as earlier versions). */
function filterOptions(c: ArrayCompression): { compression?: number | 'gzip'; compression_opts?: number | number[] } {
  if (c.codec === 'none') return {};
  if (c.codec === 'gzip') return { compression: 'gzip', compression_opts: c.level! };
  const { filter, cdValues } = filterSettings(c);
  return { compression: filter, compression_opts: cdValues };
}

/** An HDF5 object reference is the object header's file address (h5wasm hands it over as bytes). */
function refAddress(obj: { create_reference(): { ref_data: ArrayLike<number> } }): number {
  return Number(Buffer.from(Array.from(obj.create_reference().ref_data)).readBigUInt64LE(0));
}

function isDiskFull(err: unknown): boolean {
  if (typeof err === 'object' && err && (err as { code?: string }).code === 'ENOSPC') return true;
  return /No space left on device|ENOSPC/.test(firstLines(err)) || /No space left on device/.test(String((err as Error)?.message ?? err));
}

