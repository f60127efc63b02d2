import { existsSync, linkSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fsyncDir, sha256File } from '@vstds/hdf5-chunks';
import type { ChunkResult, ChunkRunArgs, ChunkRunner } from './chunk-runner';
import { plannedChunk } from './chunk-plan';
import { STAGING_PREFIX } from './dataset-plan';
import { ChunkJobError } from './scale-out-errors';

/**
 * Runs a chunk runner in a private staging directory inside the dataset directory, then puts the
 * finished file in place (publishFile: atomic, never replacing). Two machines making the same
 * chunk at once (a job re-run while its first worker is still alive) never write the same
 * `.partial` file, and the first to finish wins: the other reports the file in place. A chunk
 * whose file already exists is not made again.
 */
export async function runChunkStaged(runner: ChunkRunner, args: ChunkRunArgs): Promise<ChunkResult & { reused: boolean }> {
  const planned = plannedChunk(args.config, args.chunkIndex);
  const finalPath = join(args.outputDir, planned.file);
  if (existsSync(finalPath)) {
    // An earlier attempt published the file and died before reporting: the file is complete.
    const { sha256, bytes } = sha256File(finalPath);
    args.onRows?.(planned.numSamples);
    return { chunkIndex: planned.index, file: planned.file, numSamples: planned.numSamples, bytes, sha256, reused: true };
  }
  const staging = mkdtempSync(join(args.outputDir, `${STAGING_PREFIX}c${planned.index}-`));
  try {
    let result: ChunkResult;
    try {
      result = await runner({ ...args, outputDir: staging });
    } catch (e) {
      // Another writer published this chunk meanwhile and a finalize swept our staging directory
      // as a leftover: the chunk is complete, and it is the one in place.
      if (!existsSync(staging) && existsSync(finalPath)) {
        const { sha256, bytes } = sha256File(finalPath);
        return { chunkIndex: planned.index, file: planned.file, numSamples: planned.numSamples, bytes, sha256, reused: true };
      }
      throw e;
    }
    if (result.chunkIndex !== planned.index || result.file !== planned.file || result.numSamples !== planned.numSamples) {
      throw new ChunkJobError(
        `chunk ${planned.index}: expected the runner to write ${planned.file} with ${planned.numSamples} rows, ` +
          `got ${result.file} (chunk ${result.chunkIndex}, ${result.numSamples} rows)`,
      );
    }
    if (publishFile(join(staging, result.file), finalPath)) return { ...result, reused: false };
    // Another run of this chunk finished first: its file stays, and is what we report.
    const { sha256, bytes } = sha256File(finalPath);
    return { ...result, sha256, bytes, reused: true };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Puts a finished file under its final name unless a file is already there (first writer wins,
 * so the file stays the one whose sha256 was reported). A hard link is atomic and fails with
 * EEXIST instead of replacing; where links are not supported, falls back to rename.
 * Returns false when another file was already in place (`from` is left for the caller to delete).
 */
function publishFile(from: string, to: string): boolean {
  try {
    linkSync(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw e;
    renameSync(from, to);
  }
  fsyncDir(dirname(to));
  return true;
}
