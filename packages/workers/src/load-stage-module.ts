import { pathToFileURL } from 'node:url';
import { StageModuleError } from './errors';
import type { StageFactory } from './stage-row';

/** Imports a stage module by absolute path and returns its `stages` factory (or default export). */
export async function loadStageModule(path: string): Promise<StageFactory> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new StageModuleError(path, `an import error (${(e as Error).message.split('\n')[0]})`);
  }
  const fn = mod.stages ?? (typeof mod.default === 'function' ? mod.default : (mod.default as Record<string, unknown> | undefined)?.stages);
  if (typeof fn !== 'function') throw new StageModuleError(path, `exports ${Object.keys(mod).join(', ') || 'nothing'}`);
  return fn as StageFactory;
}
