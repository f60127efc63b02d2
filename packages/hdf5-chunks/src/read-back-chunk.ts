import type { File as H5File } from 'h5wasm/node';
import { CHUNK_SCHEMA, checkChunkSchema } from './chunk-schema';
import type { H5Wasm } from './h5wasm-module';

/** What a finished chunk file must hold. */
export interface ExpectedChunk {
  index: number;
  firstGlobalId: number;
  numSamples: number;
  /** Dataset format version the chunk was written in (which datasets it must hold). */
  formatVersion: number;
}

/**
 * Re-opens a chunk file read-only, as a reader will: HDF5 verifies its metadata checksums on the way,
 * then the schema (datasets, dtypes, ranks), the row count, the global ids and the chunk index are
 * checked. Returns the problem, or undefined.
 */
export function readBackChunk(h5: H5Wasm, path: string, want: ExpectedChunk): string | undefined {
  let file: H5File | undefined;
  try {
    file = new h5.File(path, 'r');
    if (!(file.file_id > 0n)) return 'HDF5 could not open the file';
    const f = file;
    const checked = checkChunkSchema(f.keys(), (name) => h5.Module.get_dataset_metadata(f.file_id, `/${name}`), want.formatVersion);
    if ('problem' in checked) return checked.problem;
    if (checked.numSamples !== want.numSamples) return `expected ${want.numSamples} rows, got ${checked.numSamples}`;
    const n = checked.numSamples;
    const M = h5.Module;
    const bytes = n * CHUNK_SCHEMA.global_ids.size!;
    const ptr = M._malloc(bytes);
    try {
      M.get_dataset_data(f.file_id, '/global_ids', [BigInt(n)], [0n], [1n], BigInt(ptr));
      const ids = new BigInt64Array(M.HEAPU8.buffer, ptr, n);
      for (let i = 0; i < n; i++) {
        if (ids[i] !== BigInt(want.firstGlobalId + i)) return `global_ids[${i}]: expected ${want.firstGlobalId + i}, got ${ids[i]}`;
      }
    } finally {
      M._free(ptr);
    }
    const index = Number((f.attrs['chunk_index']?.json_value as unknown) ?? NaN);
    if (index !== want.index) return `chunk_index attribute: expected ${want.index}, got ${String(index)}`;
    return undefined;
  } catch (err) {
    return `not readable: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`;
  } finally {
    try {
      file?.close();
    } catch {
      // nothing more to learn from a file HDF5 gave up on
    }
  }
}
