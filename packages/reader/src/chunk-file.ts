import type { File as H5File } from 'h5wasm/node';
import { CHUNK_SCHEMA, type ChunkDatasetName, type ChunkShapes, type H5Wasm, type OptionalChunkDatasetName, ROW_ARRAYS, type RowArrayName, checkChunkSchema, codecOfFilters } from '@vstds/hdf5-chunks';
import { briefCause, ChunkReadError } from './errors';
import { halfToFloat32 } from './half-to-float';

export { CHUNK_DATASETS, type ChunkDatasetName } from '@vstds/hdf5-chunks';

/** What `read(name, i)` returns for each dataset. */
export interface ChunkRowValues {
  audio: Float32Array[];
  mel_spec: Float32Array[];
  param_array: Float32Array;
  parameters: unknown;
  midi_notes: number;
  velocities: number;
  global_ids: number;
  /** The row's peak level; null in chunks written before dataset format version 2 (no `peaks`). */
  peaks: number | null;
}

/**
 * One open chunk file. Rows are read by hyperslab straight into the WASM heap, so reading one row
 * never loads the chunk; float16 audio is converted in TypeScript.
 */
export class ChunkFile {
  readonly shapes: ChunkShapes;
  readonly numSamples: number;
  /** Optional per-row datasets this chunk has (preset_files and preset_sha256 in a preset dataset). */
  readonly optional: readonly OptionalChunkDatasetName[];

  private constructor(
    private readonly h5: H5Wasm,
    private readonly file: H5File,
    readonly path: string,
  ) {
    const checked = checkChunkSchema(file.keys(), (name) => h5.Module.get_dataset_metadata(file.file_id, `/${name}`));
    if ('problem' in checked) throw new ChunkReadError(path, checked.problem);
    this.shapes = checked.shapes;
    this.numSamples = checked.numSamples;
    this.optional = checked.optional;
  }

  /** Opens a chunk read-only; a truncated, corrupt or foreign file gives a ChunkReadError naming it. */
  static open(h5: H5Wasm, path: string): ChunkFile {
    let file: H5File | undefined;
    try {
      file = new h5.File(path, 'r');
      if (!(file.file_id > 0n)) throw new Error('HDF5 could not open the file');
      return new ChunkFile(h5, file, path);
    } catch (err) {
      try {
        file?.close();
      } catch {
        // already broken
      }
      if (err instanceof ChunkReadError) throw err;
      throw new ChunkReadError(path, `not a readable HDF5 chunk (truncated or corrupt?): ${briefCause(err)}`);
    }
  }

  /** Raw little-endian bytes of rows [row, row + count) of a fixed-size dataset (a copy). */
  readRaw(name: Exclude<ChunkDatasetName, 'parameters'>, row: number, count = 1): Uint8Array {
    return this.withRows(name, row, count, (heap) => heap.slice());
  }

  /** Reads rows into the WASM heap and hands a view of them to `use` (valid only during the call). */
  private withRows<T>(name: Exclude<ChunkDatasetName, 'parameters'>, row: number, count: number, use: (heap: Uint8Array) => T): T {
    const shape = this.shapes[name];
    if (!shape) throw new ChunkReadError(this.path, `${name}: no such dataset (the chunk predates it)`);
    if (!Number.isInteger(row) || row < 0 || row + count > shape[0]!) {
      throw new ChunkReadError(this.path, `${name}: row ${row}+${count} is outside 0..${shape[0]! - 1}`);
    }
    const M = this.h5.Module;
    const elem = CHUNK_SCHEMA[name].size!;
    const per = shape.slice(1).reduce((a, b) => a * b, 1);
    const nbytes = count * per * elem;
    const ptr = M._malloc(nbytes);
    try {
      const cnt = [count, ...shape.slice(1)].map(BigInt);
      const off = [row, ...shape.slice(1).map(() => 0)].map(BigInt);
      try {
        M.get_dataset_data(this.file.file_id, `/${name}`, cnt, off, cnt.map(() => 1n), BigInt(ptr));
      } catch (err) {
        throw new ChunkReadError(this.path, `${name}: reading row ${row} failed: ${briefCause(err)}`);
      }
      return use(M.HEAPU8.subarray(ptr, ptr + nbytes));
    } finally {
      M._free(ptr);
    }
  }

  private parametersDs: { slice(r: [number, number][]): unknown } | undefined;

  /** Small per-row columns are read whole once per open file. */
  private columns = new Map<string, number[]>();

  read<K extends ChunkDatasetName>(name: K, row: number): ChunkRowValues[K];
  read(name: ChunkDatasetName, row: number): ChunkRowValues[ChunkDatasetName] {
    switch (name) {
      case 'audio': {
        const [, channels, samples] = this.shapes.audio as [number, number, number];
        const all = this.withRows('audio', row, 1, (h) => halfToFloat32(new Uint16Array(h.buffer, h.byteOffset, channels * samples)));
        return Array.from({ length: channels }, (_, c) => all.subarray(c * samples, (c + 1) * samples));
      }
      case 'mel_spec': {
        const [, channels, mels, frames] = this.shapes.mel_spec as [number, number, number, number];
        const bytes = this.readRaw('mel_spec', row);
        const all = new Float32Array(bytes.buffer, bytes.byteOffset, channels * mels * frames);
        return Array.from({ length: channels }, (_, c) => all.subarray(c * mels * frames, (c + 1) * mels * frames));
      }
      case 'param_array': {
        const bytes = this.readRaw('param_array', row);
        return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      }
      case 'parameters': {
        const text = this.readParametersText(row);
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new ChunkReadError(this.path, `parameters[${row}]: expected JSON, got ${JSON.stringify(text.slice(0, 80))}`);
        }
      }
      default: {
        if (name === 'peaks' && !this.shapes.peaks) return null;
        if (!Number.isInteger(row) || row < 0 || row >= this.numSamples) {
          throw new ChunkReadError(this.path, `${name}: row ${row} is outside 0..${this.numSamples - 1}`);
        }
        let col = this.columns.get(name);
        if (!col) this.columns.set(name, (col = this.readColumn(name)));
        return col[row]!;
      }
    }
  }

  /** The `parameters` JSON text of a row (a one-element slice of the vlen string dataset). */
  readParametersText(row: number): string {
    try {
      // The Dataset object caches its metadata: keep it rather than look it up per row.
      this.parametersDs ??= this.file.get('parameters') as { slice(r: [number, number][]): unknown };
      const v = this.parametersDs.slice([[row, row + 1]]) as string[] | string;
      return Array.isArray(v) ? v[0]! : v;
    } catch (err) {
      throw new ChunkReadError(this.path, `parameters: reading row ${row} failed: ${briefCause(err)}`);
    }
  }

  private presetColumns: { files: string[]; sha256: string[] } | undefined;

  /** A preset dataset's row: its preset file (relative to the preset folder) and sha256; undefined in other datasets. */
  readPreset(row: number): { file: string; sha256: string } | undefined {
    if (!this.optional.includes('preset_files')) return undefined;
    if (!Number.isInteger(row) || row < 0 || row >= this.numSamples) {
      throw new ChunkReadError(this.path, `preset_files: row ${row} is outside 0..${this.numSamples - 1}`);
    }
    if (!this.presetColumns) {
      const text = (name: OptionalChunkDatasetName): string[] => {
        try {
          const v = (this.file.get(name) as unknown as { value: unknown }).value;
          return Array.isArray(v) ? (v as string[]) : [v as string];
        } catch (err) {
          throw new ChunkReadError(this.path, `${name}: reading failed: ${briefCause(err)}`);
        }
      };
      this.presetColumns = { files: text('preset_files'), sha256: text('preset_sha256') };
    }
    return { file: this.presetColumns.files[row]!, sha256: this.presetColumns.sha256[row]! };
  }

  /** All values of a small per-row dataset (global_ids, midi_notes, velocities, peaks). */
  readColumn(name: 'global_ids' | 'midi_notes' | 'velocities' | 'peaks'): number[] {
    const b = this.readRaw(name, 0, this.numSamples);
    if (name === 'peaks') return Array.from(new Float32Array(b.buffer, b.byteOffset, this.numSamples));
    if (name === 'global_ids') return Array.from(new BigInt64Array(b.buffer, b.byteOffset, this.numSamples), Number);
    return Array.from(new Int16Array(b.buffer, b.byteOffset, this.numSamples));
  }

  /** Root attributes (JSON attributes parsed). */
  rootAttributes(): Record<string, unknown> {
    return attributes(this.file.attrs, ['param_names', 'param_spec', 'plugin']);
  }

  /** The codec each row array is stored with, read from its HDF5 filter pipeline. */
  codecs(): Record<RowArrayName, string> {
    const out = {} as Record<RowArrayName, string>;
    for (const name of ROW_ARRAYS) out[name] = codecOfFilters((this.file.get(name) as unknown as { filters: { id: number; cd_values: number[] }[] }).filters);
    return out;
  }

  /** Attributes of the audio dataset. */
  audioAttributes(): Record<string, unknown> {
    return attributes((this.file.get('audio') as H5File).attrs, []);
  }

  close(): void {
    try {
      this.file.close();
    } catch {
      // closing a file HDF5 already gave up on
    }
  }
}

function attributes(attrs: Record<string, { json_value: unknown }>, jsonKeys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, a] of Object.entries(attrs)) {
    let v = a.json_value;
    if (Array.isArray(v) && v.length === 1 && k !== 'velocity') v = v[0];
    if (jsonKeys.includes(k) && typeof v === 'string') {
      try {
        v = JSON.parse(v);
      } catch {
        // keep the text: the validator reports it
      }
    }
    out[k] = v;
  }
  return out;
}
