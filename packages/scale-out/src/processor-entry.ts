import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The sandboxed chunk processor's file and the node flags its child process needs. From the
 * build it is plain JS next to the bundle; from sources (tests, development) it is TypeScript
 * run through tsx with workspace packages resolved to their sources.
 */
export function chunkProcessorEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    return {
      file: join(dirname(here), 'chunk-processor.ts'),
      execArgv: ['--conditions=@vstds/source', '--import', pathToFileURL(tsx).href],
    };
  }
  // tsup may flatten the entry (dist/chunk-processor.js) or keep its folder (dist/scale-out/…).
  const dir = dirname(here);
  const candidates = [join(dir, 'chunk-processor.js'), join(dir, 'scale-out', 'chunk-processor.js'), join(dir, '..', 'chunk-processor.js')];
  return { file: candidates.find((f) => existsSync(f)) ?? candidates[0]!, execArgv: [] };
}
