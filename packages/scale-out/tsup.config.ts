import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig([
  libraryBuild,
  {
    // The chunk processor entry (forked by BullMQ's sandboxed workers), ESM only.
    entry: ['src/chunk-processor.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    shims: true,
  },
]);
