import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
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
 * CLI too (plain Node cannot import .ts). tsx is resolved at run time, never bundled.
 */
async function importTypeScript(path: string): Promise<unknown> {
  let api: string;
  try {
    // Its ESM entry by its own exports map: require.resolve would give the CommonJS one, which
    // cannot load the ESM half of tsx.
    const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
    const exports = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
    api = join(dirname(pkg), exports['./esm/api']!.import.default);
  } catch {
    throw new Error('a TypeScript module needs tsx installed (npm install tsx), or pass the compiled .js');
  }
  const { tsImport } = (await import(pathToFileURL(api).href)) as { tsImport: (specifier: string, parent: string) => Promise<unknown> };
  return tsImport(pathToFileURL(path).href, import.meta.url);
}
