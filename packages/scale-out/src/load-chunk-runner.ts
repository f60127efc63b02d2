import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChunkRunner } from './chunk-runner';
import { ChunkRunnerLoadError } from './scale-out-errors';

/**
 * The chunk runner a worker uses: the module named (by path) in `module`, or vstds' own pipeline.
 * The module is chosen by whoever starts the worker, never by job data: a job from Redis must
 * not be able to name code to run.
 */
export async function loadChunkRunner(module?: string): Promise<ChunkRunner> {
  if (!module) return (await import('./pipeline-chunk-runner')).runChunk;
  const path = isAbsolute(module) ? module : resolve(module);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new ChunkRunnerLoadError(path, `an import error (${(e as Error).message.split('\n')[0]})`);
  }
  const fn = mod.runChunk ?? (mod.default as Record<string, unknown> | undefined)?.runChunk;
  if (typeof fn !== 'function') throw new ChunkRunnerLoadError(path, `exports ${Object.keys(mod).join(', ') || 'nothing'}`);
  return fn as ChunkRunner;
}
