import type { Options } from 'tsup';

/**
 * The library build every package shares: `src/index.ts` (the whole public API) as ESM + CJS + .d.ts.
 * CJS is kept because tslab compiles notebook cells to CommonJS; `shims` makes `import.meta.url`
 * work in the CJS output, where packages locate their bundled files.
 */
export const libraryBuild: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  shims: true,
};
