import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The render worker's module and node flags. From the build (dist/) it is plain JS; from sources
 * (tests, development) it is TypeScript run through tsx, with workspace packages resolved to their
 * sources like vitest does.
 */
export function renderWorkerEntry(): { module: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    return { module: join(dirname(here), 'render-worker.ts'), execArgv: ['--conditions=@vstds/source', ...tsxImport()] };
  }
  return { module: join(dirname(here), 'render-worker.js'), execArgv: [] };
}

/** Node flags that let a worker import TypeScript (a .ts stage module): tsx's loader. */
export function tsxImport(): string[] {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}
