import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AudioAttributes, ChunkMetadata, JsonValue } from './chunk-row';
import { DEFAULT_FILE_NAMING } from './chunk-file-name';
import { ROW_ARRAYS, type RowArrayName } from './chunk-schema';
import { type CodecName, type Compression, NO_COMPRESSION, codecFilterId, formatCompression } from './compression';
import { writeFileAtomic } from './durable-fs';
import { ManifestError } from './errors';
import { DATASET_FORMAT, DATASET_FORMAT_VERSION, VSTDS_VERSION } from './version';

export const MANIFEST_FILE = 'dataset_info.json';

/** One finished chunk as listed in dataset_info.json. */
export interface ChunkEntry {
  file: string;
  index: number;
  first_global_id: number;
  num_samples: number;
  bytes: number;
  sha256: string;
}

/**
 * dataset_info.json: what the dataset is and which chunks are complete. Written atomically after
 * every finished chunk; it never lists a chunk that is not complete.
 */
export interface DatasetInfo {
  format: typeof DATASET_FORMAT;
  format_version: number;
  vstds_version: string;
  total_samples: number;
  completed_samples: number;
  samples_per_file: number;
  num_chunks: number;
  file_naming: string;
  /** The codecs as one text (`blosc:lz4:5`, or `audio=…, mel_spec=…` when they differ). */
  compression: string;
  /** Codec, level and HDF5 filter id per row array (absent in manifests of vstds ≤ 0.1 without codecs). */
  codecs?: Record<RowArrayName, ArrayCodecEntry>;
  audio: AudioAttributes;
  n_mels: number;
  param_names: string[];
  seed: number | string;
  /** The resolved run configuration, as the caller gives it. */
  config: JsonValue;
  /** The parameter spec. */
  spec: JsonValue;
  /** Plugin identity (name, vendor, version, format, uid, path, preset sha256…). */
  plugin: JsonValue;
  /** Anything else the caller wants recorded (e.g. measured render noise). */
  extra?: JsonValue;
  chunks: ChunkEntry[];
}

/** One row array's codec as the manifest records it. */
export interface ArrayCodecEntry {
  codec: CodecName;
  level: number | null;
  /** HDF5 filter id (0: none, 1: deflate, 32001 Blosc, 32004 LZ4, 32015 Zstd). */
  hdf5_filter: number;
}

/** What a dataset is, as the caller (the CLI, a shard finalizer) knows it before any chunk exists. */
export interface DatasetInfoInit {
  totalSamples: number;
  samplesPerFile: number;
  fileNaming?: string;
  compression?: Compression;
  metadata: ChunkMetadata;
  /** Resolved run configuration, recorded as is. */
  config: JsonValue;
  extra?: JsonValue;
}

/** The one place a manifest is built: every writer of dataset_info.json starts from this. */
export function buildDatasetInfo(init: DatasetInfoInit, chunks: ChunkEntry[] = []): DatasetInfo {
  const md = init.metadata;
  const compression = init.compression ?? NO_COMPRESSION;
  const codecs = {} as Record<RowArrayName, ArrayCodecEntry>;
  for (const name of ROW_ARRAYS) {
    const c = compression[name];
    codecs[name] = { codec: c.codec, level: c.level ?? null, hdf5_filter: codecFilterId(c.codec) };
  }
  return {
    format: DATASET_FORMAT,
    format_version: DATASET_FORMAT_VERSION,
    vstds_version: md.vstdsVersion ?? VSTDS_VERSION,
    total_samples: init.totalSamples,
    completed_samples: chunks.reduce((t, c) => t + c.num_samples, 0),
    samples_per_file: init.samplesPerFile,
    num_chunks: Math.ceil(init.totalSamples / init.samplesPerFile),
    file_naming: init.fileNaming ?? DEFAULT_FILE_NAMING,
    compression: formatCompression(compression),
    codecs,
    audio: md.audio,
    n_mels: md.nMels ?? 128,
    param_names: md.paramNames,
    seed: md.seed,
    config: init.config,
    spec: md.paramSpec,
    plugin: md.plugin,
    ...(init.extra === undefined ? {} : { extra: init.extra }),
    chunks,
  };
}

/** The issue calls the same document a manifest. */
export type ChunkManifest = DatasetInfo;

/** A chunk file name from a manifest must be a plain name inside the dataset directory. */
export function isSafeChunkFileName(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && !/[/\\\0]/.test(name) && name !== '.' && name !== '..';
}

/** Reads and checks dataset_info.json; `undefined` when the directory has none. */
export function readManifest(dir: string): DatasetInfo | undefined {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ManifestError(path, '(file)', 'valid JSON', (err as Error).message);
  }
  return checkManifest(raw, path);
}

function checkManifest(raw: unknown, path: string): DatasetInfo {
  const fail = (key: string, expected: string, found: unknown): never => {
    throw new ManifestError(path, key, expected, JSON.stringify(found) ?? String(found));
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('(root)', 'an object', raw);
  const o = raw as Record<string, unknown>;
  if (o.format !== DATASET_FORMAT) fail('format', JSON.stringify(DATASET_FORMAT), o.format);
  if (typeof o.format_version !== 'number' || o.format_version > DATASET_FORMAT_VERSION) {
    fail('format_version', `a number ≤ ${DATASET_FORMAT_VERSION}`, o.format_version);
  }
  for (const k of ['total_samples', 'completed_samples', 'samples_per_file', 'num_chunks', 'n_mels'] as const) {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(k, 'a non-negative integer', v);
  }
  if (typeof o.audio !== 'object' || o.audio === null) fail('audio', 'an object of audio attributes', o.audio);
  if (!Array.isArray(o.param_names)) fail('param_names', 'an array of names', o.param_names);
  if (!Array.isArray(o.chunks)) fail('chunks', 'an array', o.chunks);
  const chunks = o.chunks as unknown[];
  chunks.forEach((c, i) => {
    const e = c as Record<string, unknown>;
    if (typeof e !== 'object' || e === null) fail(`chunks[${i}]`, 'an object', c);
    if (!isSafeChunkFileName(e.file as string)) fail(`chunks[${i}].file`, 'a file name inside the dataset directory', e.file);
    for (const k of ['index', 'first_global_id', 'num_samples', 'bytes']) {
      if (typeof e[k] !== 'number' || !Number.isInteger(e[k]) || (e[k] as number) < 0) fail(`chunks[${i}].${k}`, 'a non-negative integer', e[k]);
    }
    if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) fail(`chunks[${i}].sha256`, 'a hex sha256', e.sha256);
  });
  return o as unknown as DatasetInfo;
}

/** Writes dataset_info.json atomically (temp file, fsync, rename, fsync of the directory). */
export function writeManifest(dir: string, info: DatasetInfo): void {
  const sorted = { ...info, chunks: [...info.chunks].sort((a, b) => a.index - b.index) };
  sorted.completed_samples = sorted.chunks.reduce((t, c) => t + c.num_samples, 0);
  writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
}

/** A chunk not yet listed as complete: which rows it must hold. */
export interface MissingChunk {
  index: number;
  file: string;
  first_global_id: number;
  num_samples: number;
}

/** Rows a chunk holds: samples_per_file, except a shorter last chunk. */
export function chunkRowCount(info: Pick<DatasetInfo, 'total_samples' | 'samples_per_file'>, index: number): number {
  return Math.max(0, Math.min(info.samples_per_file, info.total_samples - index * info.samples_per_file));
}
