import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig([
  libraryBuild,
  {
    // The render worker process entry (forked by the pool), ESM only.
    entry: ['src/render-worker.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    shims: true,
  },
]);
