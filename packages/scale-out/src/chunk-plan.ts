import { existsSync, readdirSync } from 'node:fs';
import { chunkFileName } from '@vstds/hdf5-chunks';
import type { GenerateConfig } from '@vstds/pipeline';
import { ShardSpecError } from './scale-out-errors';

/** One chunk of a dataset: rows [index·S, index·S + numSamples). */
export interface PlannedChunk {
  index: number;
  file: string;
  firstGlobalId: number;
  numSamples: number;
}

type PlanConfig = Pick<GenerateConfig, 'num_samples' | 'samples_per_file' | 'file_naming'>;

export function numChunks(config: PlanConfig): number {
  return Math.ceil(config.num_samples / config.samples_per_file);
}

export function plannedChunk(config: PlanConfig, index: number): PlannedChunk {
  const first = index * config.samples_per_file;
  return {
    index,
    file: chunkFileName(config.file_naming, index),
    firstGlobalId: first,
    numSamples: Math.max(0, Math.min(config.samples_per_file, config.num_samples - first)),
  };
}

export function allChunks(config: PlanConfig): PlannedChunk[] {
  return Array.from({ length: numChunks(config) }, (_, i) => plannedChunk(config, i));
}

/**
 * Names in a directory, read with readdir: on NFS a directory listing is revalidated, while a
 * lookup of one name may answer from the client's negative cache for up to a minute after
 * another machine renamed the file into place.
 */
export function presentFiles(dir: string): Set<string> {
  return existsSync(dir) ? new Set(readdirSync(dir)) : new Set();
}

/**
 * Chunks still to make: those without a file under their final name. A chunk file only ever
 * appears under its final name complete (written as .partial, fsynced, renamed), so its presence
 * means done; `vstds finalize` verifies every file before the manifest lists it.
 */
export function missingChunks(config: PlanConfig & Pick<GenerateConfig, 'output_dir'>, chunks = allChunks(config)): PlannedChunk[] {
  const present = presentFiles(config.output_dir);
  return chunks.filter((c) => !present.has(c.file));
}

/** The chunks of shard `shard` of `of`: c mod of = shard (round-robin, so shards get equal work). */
export function shardChunks(config: PlanConfig, shard: number, of: number): PlannedChunk[] {
  return allChunks(config).filter((c) => c.index % of === shard);
}

/** Validates `--shard i --of N` (strings as parsed from flags or env vars). */
export function parseShardSpec(shard: unknown, of: unknown): { shard: number; of: number } {
  const int = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN);
  const n = int(of);
  const i = int(shard);
  if (!Number.isInteger(n) || n < 1) throw new ShardSpecError(`--of: expected a positive integer (the number of shards), got ${JSON.stringify(of ?? null)}`);
  if (!Number.isInteger(i) || i < 0 || i >= n) {
    throw new ShardSpecError(`--shard: expected an integer in 0..${n - 1} (this shard's index), got ${JSON.stringify(shard ?? null)}`);
  }
  return { shard: i, of: n };
}
