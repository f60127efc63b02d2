import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig([
  // The library: index.ts is the whole public API.
  libraryBuild,
  {
    // The executable and the chunk processor entry (forked by BullMQ's sandboxed workers), ESM only.
    entry: ['src/bin.ts', 'src/scale-out/chunk-processor.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    shims: true,
  },
]);
