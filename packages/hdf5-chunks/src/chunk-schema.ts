import { DATASET_FORMAT_VERSION } from './version';

/**
 * The chunk file's datasets, their dtypes and ranks: the one definition the writer creates and the
 * reader (and the writer's own re-open check) validates against.
 */
export const CHUNK_DATASETS = ['audio', 'mel_spec', 'param_array', 'parameters', 'midi_notes', 'velocities', 'global_ids', 'peaks'] as const;
export type ChunkDatasetName = (typeof CHUNK_DATASETS)[number];

/**
 * Per-row datasets only some datasets have, all or none of them in a chunk: a preset dataset's
 * preset file (relative to its preset folder) and that file's sha256 (hex), per row.
 */
export const OPTIONAL_CHUNK_DATASETS = ['preset_files', 'preset_sha256'] as const;
export type OptionalChunkDatasetName = (typeof OPTIONAL_CHUNK_DATASETS)[number];

/** Datasets added after format version 1, with the dataset format version that added them. */
export const DATASET_SINCE_VERSION = { peaks: 2 } as const satisfies Partial<Record<ChunkDatasetName, number>>;
/** Datasets every chunk has, whatever its version. */
export type CoreChunkDatasetName = Exclude<ChunkDatasetName, keyof typeof DATASET_SINCE_VERSION>;

/** The datasets a chunk of a dataset format version holds (see DATASET_FORMAT_VERSION). */
export function chunkDatasets(formatVersion: number = DATASET_FORMAT_VERSION): ChunkDatasetName[] {
  return CHUNK_DATASETS.filter((name) => ((DATASET_SINCE_VERSION as Partial<Record<ChunkDatasetName, number>>)[name] ?? 1) <= formatVersion);
}

/** Shapes of a chunk's datasets; those added after version 1 are absent from older chunks. */
export type ChunkShapes = Record<CoreChunkDatasetName, number[]> & Partial<Record<ChunkDatasetName, number[]>>;

/** The big per-row arrays: one HDF5 chunk per row, and the only ones a codec applies to. */
export const ROW_ARRAYS = ['audio', 'mel_spec'] as const;
export type RowArrayName = (typeof ROW_ARRAYS)[number];

/** HDF5 datatype classes as h5wasm reports them. */
export const H5T_INTEGER = 0;
export const H5T_FLOAT = 1;
export const H5T_STRING = 3;

export interface DatasetSchema {
  /** numpy dtype string as h5py shows it. */
  dtype: '<f2' | '<f4' | '<i2' | '<i8' | 'vlen-utf8';
  typeClass: number;
  /** Element size in bytes (undefined for variable-length strings). */
  size?: number;
  rank: number;
  /** What an error says was expected. */
  label: string;
}

export const CHUNK_SCHEMA: Record<ChunkDatasetName, DatasetSchema> = {
  audio: { dtype: '<f2', typeClass: H5T_FLOAT, size: 2, rank: 3, label: 'float16 (N, channels, samples)' },
  mel_spec: { dtype: '<f4', typeClass: H5T_FLOAT, size: 4, rank: 4, label: 'float32 (N, channels, n_mels, frames)' },
  param_array: { dtype: '<f4', typeClass: H5T_FLOAT, size: 4, rank: 2, label: 'float32 (N, encoded width)' },
  parameters: { dtype: 'vlen-utf8', typeClass: H5T_STRING, rank: 1, label: 'variable-length string (N,)' },
  midi_notes: { dtype: '<i2', typeClass: H5T_INTEGER, size: 2, rank: 1, label: 'int16 (N,)' },
  velocities: { dtype: '<i2', typeClass: H5T_INTEGER, size: 2, rank: 1, label: 'int16 (N,)' },
  global_ids: { dtype: '<i8', typeClass: H5T_INTEGER, size: 8, rank: 1, label: 'int64 (N,)' },
  /** max |sample| over the row's channels, measured before float16 (NaN where a pipeline did not measure it). */
  peaks: { dtype: '<f4', typeClass: H5T_FLOAT, size: 4, rank: 1, label: 'float32 (N,)' },
};

export const OPTIONAL_CHUNK_SCHEMA: Record<OptionalChunkDatasetName, DatasetSchema> = {
  preset_files: { dtype: 'vlen-utf8', typeClass: H5T_STRING, rank: 1, label: 'variable-length string (N,)' },
  preset_sha256: { dtype: 'vlen-utf8', typeClass: H5T_STRING, rank: 1, label: 'variable-length string (N,)' },
};

/** The metadata h5wasm gives for a dataset (the fields the schema check reads). */
export interface DatasetMetadataLike {
  type: number;
  size: number;
  vlen?: boolean;
  shape?: ArrayLike<number | bigint> | null;
}

/**
 * Checks every dataset of a chunk against the schema: present, dtype, rank and one row count for all.
 * With `formatVersion` (a writer checking what it wrote) the datasets of that version must all be
 * there; without (a reader), datasets added after version 1 are checked when present.
 * Returns the shapes, or the first problem as text naming the dataset, what was expected and found.
 */
export function checkChunkSchema(
  keys: Iterable<string>,
  metadataOf: (name: ChunkDatasetName | OptionalChunkDatasetName) => DatasetMetadataLike,
  formatVersion?: number,
): { shapes: ChunkShapes; numSamples: number; optional: OptionalChunkDatasetName[] } | { problem: string } {
  const present = new Set(keys);
  const required = new Set<ChunkDatasetName>(chunkDatasets(formatVersion ?? 1));
  const shapes = {} as ChunkShapes;
  const check = (name: ChunkDatasetName | OptionalChunkDatasetName, want: DatasetSchema): number[] | string => {
    const md = metadataOf(name);
    const shape = Array.from(md.shape ?? [], Number);
    const typeOk = md.type === want.typeClass && (want.size === undefined || md.size === want.size) && (want.dtype !== 'vlen-utf8' || !!md.vlen);
    if (!typeOk || shape.length !== want.rank) {
      return `dataset ${name}: expected ${want.label}, got type class ${md.type} of ${md.size} bytes, shape (${shape.join(', ')})`;
    }
    return shape;
  };
  for (const name of CHUNK_DATASETS) {
    const want = CHUNK_SCHEMA[name];
    if (!present.has(name)) {
      if (!required.has(name)) continue;
      return { problem: `dataset ${name}: expected ${want.label}, got no such dataset` };
    }
    const shape = check(name, want);
    if (typeof shape === 'string') return { problem: shape };
    shapes[name] = shape;
  }
  const numSamples = shapes.global_ids[0]!;
  for (const name of CHUNK_DATASETS) {
    const shape = shapes[name];
    if (shape && shape[0] !== numSamples) return { problem: `dataset ${name}: expected ${numSamples} rows (as global_ids), got ${shape[0]}` };
  }
  const optional = OPTIONAL_CHUNK_DATASETS.filter((name) => present.has(name));
  if (optional.length > 0 && optional.length < OPTIONAL_CHUNK_DATASETS.length) {
    const missing = OPTIONAL_CHUNK_DATASETS.find((name) => !present.has(name))!;
    return { problem: `dataset ${missing}: expected ${OPTIONAL_CHUNK_SCHEMA[missing].label} next to ${optional[0]}, got no such dataset` };
  }
  for (const name of optional) {
    const shape = check(name, OPTIONAL_CHUNK_SCHEMA[name]);
    if (typeof shape === 'string') return { problem: shape };
    if (shape[0] !== numSamples) return { problem: `dataset ${name}: expected ${numSamples} rows (as global_ids), got ${shape[0]}` };
  }
  return { shapes, numSamples, optional };
}
