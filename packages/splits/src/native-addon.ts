import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DamagedChunkError, SplitWriteError } from './errors';

/** Rows [src, src + count) of a chunk file at rows [dst, dst + count) of a split file, flattened. */
export interface NativeSource {
  file: string;
  rows: number;
  runs: Float64Array;
}

export interface NativeAttribute {
  name: string;
  value: string | number;
  integer?: boolean;
}

export interface NativeWelford {
  n: number;
  shape: number[];
  mean: Float64Array;
  m2: Float64Array;
}

interface NativeAddon {
  writeVirtualFile(out: string, template: string, rows: number, sources: NativeSource[], extra: NativeAttribute[], skipRootAttributes: string[]): void;
  checkChunkFile(path: string, template: string): { name: string; rows: number }[];
  welfordStats(files: { path: string; spans: Float64Array }[], dataset: string, batchRows: number): NativeWelford;
}

// src/ and dist/ both sit one level below the package root, where prebuilds/ lives.
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
let addon: NativeAddon | undefined;

function load(): NativeAddon {
  if (!addon) {
    const require = createRequire(import.meta.url);
    const nodeGypBuild = require('node-gyp-build') as (dir: string) => NativeAddon;
    addon = nodeGypBuild(packageRoot);
  }
  return addon;
}

/** The addon's "[CODE] message" errors as named errors; chunk read failures name the chunk. */
function rethrow(err: unknown, chunkPath?: string): never {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /^\[(E_[A-Z_]+)\] ([\s\S]*)$/.exec(msg);
  const code = m?.[1] ?? 'E_INTERNAL';
  const text = m?.[2] ?? msg;
  if (chunkPath && (code === 'E_CHUNK_UNREADABLE' || code === 'E_CHUNK_SCHEMA')) {
    throw new DamagedChunkError(chunkPath, text.startsWith(`${chunkPath}: `) ? text.slice(chunkPath.length + 2) : text);
  }
  throw new SplitWriteError(code, text);
}

export function writeVirtualFile(out: string, template: string, rows: number, sources: NativeSource[], extra: NativeAttribute[], skip: string[]): void {
  try {
    load().writeVirtualFile(out, template, rows, sources, extra, skip);
  } catch (err) {
    rethrow(err);
  }
}

/** Opens `path` with libhdf5 and checks every dataset of `template` is there, same type and row shape. */
export function checkChunkFile(path: string, template: string): { name: string; rows: number }[] {
  try {
    return load().checkChunkFile(path, template);
  } catch (err) {
    rethrow(err, path);
  }
}

export function welfordStats(files: { path: string; spans: Float64Array }[], dataset: string, batchRows: number): NativeWelford {
  try {
    return load().welfordStats(files, dataset, batchRows);
  } catch (err) {
    const m = /^\[E_[A-Z_]+\] (\/[^:]+):/.exec(err instanceof Error ? err.message : '');
    rethrow(err, m?.[1]);
  }
}
