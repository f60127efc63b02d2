import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig([
  // The library: index.ts is the whole public API.
  libraryBuild,
  {
    // The executable and the worker process entries (forked by the supervisor and by BullMQ's
    // sandboxed processors), ESM only.
    entry: ['src/bin.ts', 'src/render-worker.ts', 'src/scale-out/chunk-processor.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    shims: true,
  },
]);
