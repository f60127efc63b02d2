import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: index.ts is the whole public API.
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    shims: true,
  },
  {
    // The executable and the worker process entry (forked by the supervisor), ESM only.
    entry: ['src/bin.ts', 'src/render-worker.ts', 'src/scale-out/chunk-processor.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    shims: true,
  },
]);
