import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { type ChunkEntry, type DatasetInfo, type H5Wasm, MANIFEST_FILE, loadH5wasm, readManifest, sha256File } from '@vstds/hdf5-chunks';
import { decode, specFromData, type ParamSpec } from '@vstds/param-spec';
import { ChunkFile, type ChunkDatasetName, type ChunkRowValues } from './chunk-file';
import { ChunkReadError, DatasetNotFoundError, ReaderError, SampleNotFoundError, UnsafeChunkPathError } from './errors';
import type { DamagedChunk, DatasetSummary, Sample, ValidationReport } from './sample';
import { sampleWithoutReplacement } from './seeded-random';
import { validateChunk } from './validate-chunk';

interface CatalogEntry extends Omit<ChunkEntry, 'bytes' | 'sha256'> {
  path: string;
  bytes?: number;
  sha256?: string;
}

/** A chunk as `iterateChunks()` yields it. */
export interface ChunkView {
  index: number;
  file: string;
  firstGlobalId: number;
  numSamples: number;
  read<K extends ChunkDatasetName>(name: K, row: number): ChunkRowValues[K];
}

const OPEN_FILES = 8;

/**
 * Reads a vstds dataset directory (chunk files + dataset_info.json) with h5wasm only: no native
 * code, loads in tslab. A missing manifest falls back to scanning the chunk files.
 */
export class ChunkedDatasetReader {
  private readonly open = new Map<number, ChunkFile>();
  private spec: ParamSpec | undefined;

  private constructor(
    private readonly h5: H5Wasm,
    readonly dir: string,
    private readonly manifest: DatasetInfo | undefined,
    private readonly catalog: CatalogEntry[],
    private readonly summary: DatasetSummary,
    private readonly damaged: DamagedChunk[],
  ) {
    const raw = summary.spec;
    if (raw && typeof raw === 'object') this.spec = specFromData(raw, `${join(dir, MANIFEST_FILE)}: spec`);
  }

  /**
   * Opens a dataset directory. Chunks that are missing, of the wrong size (against the manifest) or do
   * not open are left out and reported by name in `getDatasetInfo().damaged_chunks`; the rest read
   * normally. `check: 'open'` also opens every listed chunk and checks its schema and row count
   * (what `vstds info` does); the default checks files and sizes only and opens chunks on first use.
   */
  static async open(dir: string, options: { check?: 'size' | 'open' } = {}): Promise<ChunkedDatasetReader> {
    const abs = resolve(dir);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new DatasetNotFoundError(`${abs}: expected a dataset directory, got nothing there`);
    const h5 = await loadH5wasm();
    const manifest = readManifest(abs);
    const damaged: DamagedChunk[] = [];
    const listed = manifest ? fromManifest(abs, manifest) : scan(h5, abs, damaged);
    const catalog: CatalogEntry[] = [];
    let first: ChunkFile | undefined;
    for (const entry of listed) {
      let reason = entry.bytes === undefined ? undefined : sizeProblem(entry);
      if (!reason && (options.check === 'open' || !first)) {
        try {
          const f = ChunkFile.open(h5, entry.path);
          if (f.numSamples !== entry.num_samples) reason = `expected ${entry.num_samples} rows (${MANIFEST_FILE}), got ${f.numSamples}`;
          if (reason || first) f.close();
          else first = f;
        } catch (err) {
          reason = err instanceof ChunkReadError ? err.reason : String(err);
        }
      }
      if (reason) damaged.push({ index: entry.index, file: entry.file, reason });
      else catalog.push(entry);
    }
    if (!first) {
      const why = damaged.length ? `: ${damaged.map((d) => `${d.file} (${d.reason})`).join('; ')}` : '';
      throw new DatasetNotFoundError(`${abs}: expected ${MANIFEST_FILE} listing readable chunks or *.h5 chunk files, got none${why}`);
    }
    try {
      const summary = summarize(manifest, catalog, first, damaged);
      const reader = new ChunkedDatasetReader(h5, abs, manifest, catalog, summary, damaged);
      reader.open.set(catalog[0]!.index, first);
      return reader;
    } catch (err) {
      first.close();
      throw err;
    }
  }

  getDatasetInfo(): DatasetSummary {
    return this.summary;
  }

  /** One row by global id: reads that row's slices only. */
  async getSample(globalId: number): Promise<Sample> {
    const entry = this.locate(globalId);
    const chunk = this.chunkFile(entry);
    const row = globalId - entry.first_global_id;
    const param_array = chunk.read('param_array', row);
    const preset = chunk.readPreset(row);
    return {
      global_id: globalId,
      chunk_index: entry.index,
      row,
      midi_note: chunk.read('midi_notes', row),
      velocity: chunk.read('velocities', row),
      audio: chunk.read('audio', row),
      mel_spec: chunk.read('mel_spec', row),
      param_array,
      params: this.decodeParams(param_array),
      parameters: chunk.read('parameters', row),
      ...(preset ? { preset } : {}),
      peak: chunk.read('peaks', row),
    };
  }

  /** A row's decoded parameters only (reads just its param_array slice): cheap for histograms. */
  async getParams(globalId: number): Promise<Sample['params']> {
    const entry = this.locate(globalId);
    return this.decodeParams(this.chunkFile(entry).read('param_array', globalId - entry.first_global_id));
  }

  /** Global ids of every readable row, in order. */
  globalIds(): number[] {
    return this.catalog.flatMap((e) => Array.from({ length: e.num_samples }, (_, i) => e.first_global_id + i));
  }

  /** `n` distinct rows chosen by a seeded PRNG (splitmix64 + partial Fisher–Yates): same seed, same rows. */
  async getRandomSamples(n: number, options: { seed: number | bigint } = { seed: 0 }): Promise<Sample[]> {
    const total = this.summary.total_samples;
    if (!Number.isInteger(n) || n < 0 || n > total) throw new ReaderError(`getRandomSamples: n: expected an integer in 0..${total}, got ${n}`);
    const ordinals = sampleWithoutReplacement(total, n, options.seed);
    const out: Sample[] = [];
    for (const k of ordinals) out.push(await this.getSample(this.globalIdAt(k)));
    return out;
  }

  /** Chunks in index order; each reads rows on demand. */
  async *iterateChunks(): AsyncGenerator<ChunkView> {
    for (const entry of this.catalog) {
      const chunk = this.chunkFile(entry);
      yield {
        index: entry.index,
        file: entry.file,
        firstGlobalId: entry.first_global_id,
        numSamples: entry.num_samples,
        read: (name, row) => chunk.read(name, row),
      };
    }
  }

  /** Per chunk: file present, sha256 and size (manifest), schema, shapes, finite values, ids and counts. */
  async validate(options: { checkSha256?: boolean } = {}): Promise<ValidationReport> {
    const report: ValidationReport = { ok: true, checked_samples: 0, problems: [], missing_chunks: [], chunks: [] };
    for (const entry of this.catalog) {
      const problems: string[] = [];
      if (!existsSync(entry.path)) problems.push('file missing');
      else if (entry.sha256 && options.checkSha256 !== false) {
        const { sha256, bytes } = sha256File(entry.path);
        if (bytes !== entry.bytes) problems.push(`size ${bytes} bytes, manifest says ${entry.bytes}`);
        if (sha256 !== entry.sha256) problems.push(`sha256 ${sha256}, manifest says ${entry.sha256}`);
      }
      if (existsSync(entry.path)) {
        this.dropOpen(entry.index);
        let chunk: ChunkFile | undefined;
        try {
          chunk = ChunkFile.open(this.h5, entry.path);
          problems.push(...validateChunk(chunk, entry, this.summary, this.spec));
          report.checked_samples += chunk.numSamples;
        } catch (err) {
          problems.push(err instanceof ChunkReadError ? err.reason : String(err));
        } finally {
          chunk?.close();
        }
      }
      report.chunks.push({ index: entry.index, file: entry.file, ok: problems.length === 0, num_samples: entry.num_samples, problems });
      report.problems.push(...problems.map((p) => `${entry.file}: ${p}`));
    }
    for (const d of this.damaged) {
      const entry = d.index === null ? undefined : this.manifest?.chunks.find((c) => c.index === d.index);
      report.chunks.push({ index: d.index ?? -1, file: d.file, ok: false, num_samples: entry?.num_samples ?? 0, problems: [d.reason] });
      report.problems.push(`${d.file}: ${d.reason}`);
    }
    report.chunks.sort((a, b) => a.index - b.index);
    report.missing_chunks.push(...this.summary.missing_chunks);
    if (report.missing_chunks.length) report.problems.push(`chunks not complete: ${report.missing_chunks.join(', ')}`);
    if (this.manifest && this.damaged.length === 0 && this.manifest.completed_samples !== report.checked_samples) {
      report.problems.push(`${MANIFEST_FILE}: completed_samples says ${this.manifest.completed_samples}, chunks hold ${report.checked_samples}`);
    }
    report.ok = report.problems.length === 0;
    return report;
  }

  /** Closes every open chunk file. */
  close(): void {
    for (const f of this.open.values()) f.close();
    this.open.clear();
  }

  private decodeParams(encoded: Float32Array): Sample['params'] {
    if (!this.spec) return {};
    const { synthParams, noteParams } = decode(this.spec, encoded);
    return { ...synthParams, ...(noteParams as unknown as Record<string, number | [number, number]>) };
  }

  private locate(globalId: number): CatalogEntry {
    let lo = 0;
    let hi = this.catalog.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = this.catalog[mid]!;
      if (globalId < e.first_global_id) hi = mid - 1;
      else if (globalId >= e.first_global_id + e.num_samples) lo = mid + 1;
      else return e;
    }
    const bad = this.damaged.find((d) => {
      const c = d.index === null ? undefined : this.manifest?.chunks.find((m) => m.index === d.index);
      return c !== undefined && globalId >= c.first_global_id && globalId < c.first_global_id + c.num_samples;
    });
    if (bad) throw new ChunkReadError(join(this.dir, bad.file), `global id ${globalId} is in a damaged chunk: ${bad.reason}`);
    throw new SampleNotFoundError(`${this.dir}: global id ${globalId}: expected an id held by one of ${this.catalog.length} chunks, got none`);
  }

  /** The k-th available row's global id (chunks may leave gaps while a dataset is incomplete). */
  private globalIdAt(k: number): number {
    for (const e of this.catalog) {
      if (k < e.num_samples) return e.first_global_id + k;
      k -= e.num_samples;
    }
    throw new SampleNotFoundError(`${this.dir}: row ordinal out of range`);
  }

  private chunkFile(entry: CatalogEntry): ChunkFile {
    let f = this.open.get(entry.index);
    if (f) {
      this.open.delete(entry.index); // re-insert: most recently used last
      this.open.set(entry.index, f);
      return f;
    }
    f = ChunkFile.open(this.h5, entry.path);
    if (f.numSamples !== entry.num_samples) {
      f.close();
      throw new ChunkReadError(entry.path, `expected ${entry.num_samples} rows (${MANIFEST_FILE}), got ${f.numSamples}`);
    }
    this.open.set(entry.index, f);
    if (this.open.size > OPEN_FILES) {
      const [oldest, file] = this.open.entries().next().value as [number, ChunkFile];
      file.close();
      this.open.delete(oldest);
    }
    return f;
  }

  private dropOpen(index: number): void {
    this.open.get(index)?.close();
    this.open.delete(index);
  }
}

/** A listed chunk whose file is missing or not the size the manifest recorded. */
function sizeProblem(entry: CatalogEntry): string | undefined {
  if (!existsSync(entry.path)) return 'file missing';
  const size = statSync(entry.path).size;
  return size === entry.bytes ? undefined : `size ${size} bytes, manifest says ${entry.bytes}`;
}

function insideDir(dir: string, file: string, manifestPath: string): string {
  const path = resolve(dir, file);
  const rel = relative(dir, path);
  if (isAbsolute(file) || rel.startsWith('..') || isAbsolute(rel) || rel.includes(sep)) throw new UnsafeChunkPathError(manifestPath, file);
  return path;
}

function fromManifest(dir: string, m: DatasetInfo): CatalogEntry[] {
  const mpath = join(dir, MANIFEST_FILE);
  return [...m.chunks]
    .sort((a, b) => a.first_global_id - b.first_global_id)
    .map((c) => ({ ...c, path: insideDir(dir, c.file, mpath) }));
}

/** Without a manifest: every *.h5 file that opens as a chunk, ordered by its first global id; the others are damaged. */
function scan(h5: H5Wasm, dir: string, damaged: DamagedChunk[]): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.h5')) continue;
    const path = join(dir, name);
    let chunk: ChunkFile;
    try {
      chunk = ChunkFile.open(h5, path);
    } catch (err) {
      damaged.push({ index: null, file: name, reason: err instanceof ChunkReadError ? err.reason : String(err) });
      continue;
    }
    try {
      const ids = chunk.readColumn('global_ids');
      const attrs = chunk.rootAttributes();
      out.push({ file: name, path, index: Number(attrs.chunk_index), first_global_id: ids[0] ?? 0, num_samples: chunk.numSamples });
    } finally {
      chunk.close();
    }
  }
  return out.sort((a, b) => a.first_global_id - b.first_global_id);
}

function summarize(m: DatasetInfo | undefined, catalog: CatalogEntry[], first: ChunkFile, damaged: DamagedChunk[]): DatasetSummary {
  const root = first.rootAttributes();
  const audio = first.audioAttributes();
  const [, channels, samples] = first.shapes.audio as [number, number, number];
  const [, , nMels, frames] = first.shapes.mel_spec as [number, number, number, number];
  const total = catalog.reduce((t, c) => t + c.num_samples, 0);
  const num = (v: unknown) => Number(v);
  const bytesOnDisk = catalog.reduce((t, c) => t + (c.bytes ?? statSync(c.path).size), 0);
  const rawPerRow = channels * samples * 2 + channels * nMels * frames * 4 + first.shapes.param_array[1]! * 4;
  const listed = new Set([...catalog, ...damaged].map((c) => c.index));
  const missing: number[] = [];
  if (m) for (let i = 0; i < m.num_chunks; i++) if (!listed.has(i)) missing.push(i);
  return {
    total_samples: total,
    num_chunks: catalog.length,
    planned_samples: m?.total_samples ?? total,
    planned_chunks: m?.num_chunks ?? catalog.length,
    samples_per_file: m?.samples_per_file ?? Math.max(...catalog.map((c) => c.num_samples)),
    sample_rate: num(audio.sample_rate),
    channels,
    signal_duration_seconds: num(audio.signal_duration_seconds),
    note_duration_seconds: num(audio.note_duration_seconds),
    samples_per_channel: samples,
    n_mels: nMels,
    frames,
    min_loudness: num(audio.min_loudness),
    min_pitch: num(audio.min_pitch),
    max_pitch: num(audio.max_pitch),
    velocity: audio.velocity as number | number[],
    param_names: (m?.param_names ?? root.param_names ?? []) as string[],
    encoded_width: first.shapes.param_array[1]!,
    plugin: m?.plugin ?? root.plugin,
    seed: m?.seed ?? root.seed,
    spec: m?.spec ?? root.param_spec,
    config: m?.config,
    vstds_version: String(m?.vstds_version ?? root.vstds_version ?? ''),
    compression: m?.compression ?? 'unknown',
    codecs: first.codecs(),
    bytes_on_disk: bytesOnDisk,
    bytes_per_row: total ? bytesOnDisk / total : 0,
    raw_bytes_per_row: rawPerRow,
    source: m ? 'manifest' : 'scan',
    chunks: catalog.map(({ index, file, first_global_id, num_samples }) => ({ index, file, first_global_id, num_samples })),
    damaged_chunks: damaged,
    missing_chunks: missing,
  };
}
