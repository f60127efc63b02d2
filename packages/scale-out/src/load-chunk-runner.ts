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
    mod = (await (/\.[cm]?ts$/.test(path) ? importTypeScript(path) : import(pathToFileURL(path).href))) as Record<string, unknown>;
  } catch (e) {
    throw new ChunkRunnerLoadError(path, `an import error (${(e as Error).message.split('\n')[0]})`);
  }
  const fn = mod.runChunk ?? (mod.default as Record<string, unknown> | undefined)?.runChunk;
  if (typeof fn !== 'function') throw new ChunkRunnerLoadError(path, `exports ${Object.keys(mod).join(', ') || 'nothing'}`);
  return fn as ChunkRunner;
}

/**
 * A TypeScript runner through tsx's scoped loader, so `--runner runner.ts` works from the built
 * CLI too (plain Node cannot import .ts).
 */
async function importTypeScript(path: string): Promise<unknown> {
  // A variable specifier: Node resolves tsx at run time from the installed packages; the bundler
  // leaves it out.
  const tsxApi = 'tsx/esm/api';
  let tsImport: (specifier: string, parent: string) => Promise<unknown>;
  try {
    ({ tsImport } = (await import(tsxApi)) as { tsImport: typeof tsImport });
  } catch {
    throw new Error('a TypeScript module needs tsx installed (npm install tsx), or pass the compiled .js');
  }
  return tsImport(pathToFileURL(path).href, import.meta.url);
}
