import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig([
  // The library: index.ts is the whole public API.
  libraryBuild,
  {
    // The executable, ESM only.
    entry: ['src/bin.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    shims: true,
  },
]);
