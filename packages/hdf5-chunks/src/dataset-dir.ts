import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChunkMetadata } from './chunk-row';
import { DEFAULT_FILE_NAMING, chunkFileName } from './chunk-file-name';
import { type Compression, NO_COMPRESSION } from './compression';
import { fsyncDir, sha256File } from './durable-fs';
import { ManifestError, OutputDirError } from './errors';
import {
  type ChunkEntry, type DatasetInfo, type DatasetInfoInit, MANIFEST_FILE, type MissingChunk, buildDatasetInfo, chunkRowCount, readManifest,
  writeManifest,
} from './manifest';

/** What a new dataset directory is, given by the caller (the CLI). */
export type DatasetDirInit = DatasetInfoInit;

/** How finished chunks are checked on resume: full sha256 (default) or size only. */
export type VerifyMode = 'sha256' | 'size';

/** A dataset directory ready to receive chunks, with what resume found. */
export interface DatasetDir {
  dir: string;
  info: DatasetInfo;
  compression: Compression;
  metadata: ChunkMetadata;
  /** `.partial` files that were deleted: their chunks are regenerated. */
  removedPartials: string[];
  /** Chunks the manifest listed whose file exists and matches. */
  verifiedChunks: number[];
  /** Chunks the manifest listed whose file was missing or did not match: dropped, to be regenerated. */
  droppedChunks: { index: number; file: string; reason: string }[];
}

/**
 * Creates or resumes a dataset directory: checks it is writable, deletes `.partial` files, verifies
 * the chunks an existing manifest lists (dropping those that do not match), and writes the manifest.
 * The caller decides whether an existing dataset's config may be continued (see `info.config`).
 */
export function openDatasetDir(dir: string, init: DatasetDirInit, options: { verify?: VerifyMode } = {}): DatasetDir {
  const abs = resolve(dir);
  ensureWritableDir(abs);
  const fileNaming = init.fileNaming ?? DEFAULT_FILE_NAMING;
  chunkFileName(fileNaming, 0); // validates the pattern early
  const compression = init.compression ?? NO_COMPRESSION;
  if (!Number.isInteger(init.totalSamples) || init.totalSamples < 1) {
    throw new ManifestError(join(abs, MANIFEST_FILE), 'total_samples', 'a positive integer', String(init.totalSamples));
  }
  if (!Number.isInteger(init.samplesPerFile) || init.samplesPerFile < 1) {
    throw new ManifestError(join(abs, MANIFEST_FILE), 'samples_per_file', 'a positive integer', String(init.samplesPerFile));
  }
  const md = init.metadata;
  const info = buildDatasetInfo({ ...init, fileNaming, compression });

  const removedPartials: string[] = [];
  for (const name of readdirSync(abs)) {
    if (name.endsWith('.partial')) {
      rmSync(join(abs, name), { force: true });
      removedPartials.push(name);
    }
  }
  if (removedPartials.length) fsyncDir(abs);

  const verifiedChunks: number[] = [];
  const droppedChunks: DatasetDir['droppedChunks'] = [];
  const previous = readManifest(abs);
  if (previous) {
    const path = join(abs, MANIFEST_FILE);
    for (const [key, want] of [
      ['samples_per_file', info.samples_per_file],
      ['total_samples', info.total_samples],
      ['file_naming', info.file_naming],
      ['compression', info.compression],
    ] as const) {
      if (previous[key] !== want) throw new ManifestError(path, key, `${JSON.stringify(want)} to resume this dataset`, JSON.stringify(previous[key]));
    }
    // A dataset started by an earlier version goes on in its own chunk schema: every chunk alike.
    info.format_version = previous.format_version;
    for (const c of previous.chunks) {
      const reason = checkChunk(abs, c, options.verify ?? 'sha256', info);
      if (reason) droppedChunks.push({ index: c.index, file: c.file, reason });
      else {
        info.chunks.push(c);
        verifiedChunks.push(c.index);
      }
    }
  }
  writeManifest(abs, info);
  return { dir: abs, info: readManifest(abs)!, compression, metadata: md, removedPartials, verifiedChunks, droppedChunks };
}

function checkChunk(dir: string, c: ChunkEntry, verify: VerifyMode, info: DatasetInfo): string | undefined {
  if (c.file !== chunkFileName(info.file_naming, c.index)) return `file name ${c.file} does not follow ${info.file_naming}`;
  if (c.num_samples !== chunkRowCount(info, c.index) || c.first_global_id !== c.index * info.samples_per_file) {
    return `rows ${c.first_global_id}+${c.num_samples} do not fit chunk ${c.index}`;
  }
  const path = join(dir, c.file);
  if (!existsSync(path)) return 'file missing';
  const size = statSync(path).size;
  if (size !== c.bytes) return `size ${size} bytes, manifest says ${c.bytes}`;
  if (verify === 'sha256') {
    const { sha256 } = sha256File(path);
    if (sha256 !== c.sha256) return `sha256 ${sha256}, manifest says ${c.sha256}`;
  }
  return undefined;
}

/** Chunks of the dataset that the manifest does not list as complete, in index order. */
export function listMissingChunks(info: DatasetInfo): MissingChunk[] {
  const done = new Set(info.chunks.map((c) => c.index));
  const out: MissingChunk[] = [];
  for (let index = 0; index < info.num_chunks; index++) {
    if (done.has(index)) continue;
    out.push({
      index,
      file: chunkFileName(info.file_naming, index),
      first_global_id: index * info.samples_per_file,
      num_samples: chunkRowCount(info, index),
    });
  }
  return out;
}

/** Creates `dir` if needed and checks a file can be written in it (OutputDirError naming it otherwise). */
export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    const probe = join(dir, `.vstds-write-probe-${process.pid}.partial`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new OutputDirError(dir, `${e.code ?? 'error'} (${e.message})`);
  }
}
