import { basename, resolve } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';

export interface VstdsTestOptions {
  /**
   * Where the package's tests take the other workspace packages from. 'source' (the default): their
   * sources, through the `@vstds/source` export condition, so no build is needed. 'build': their
   * built `dist/`, as an installed package is used, made current first by tools/test/build-dependencies.mjs
   * (Nx, cached). The CLI's suite takes builds: it starts hundreds of `vstds` and worker processes,
   * and each one from sources compiles the whole workspace through tsx (≈ 1 s of CPU per process, 2.7×
   * the built CLI's time in its end-to-end files); the libraries' own sources are tested in their
   * own packages.
   */
  dependencies?: 'source' | 'build';
}

/**
 * One test configuration for every package, and each package writes a JSON report that
 * tools/test.sh sums into the closing "N passed, N failed" line CI reads.
 */
export function vstdsTestConfig(packageDir: string, options: VstdsTestOptions = {}): ViteUserConfig {
  const name = basename(packageDir);
  const fromBuild = options.dependencies === 'build';
  const source = { resolve: { conditions: ['@vstds/source'] } };
  return {
    ...(fromBuild ? {} : { ...source, ssr: source }),
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      ...(fromBuild ? { globalSetup: [resolve(__dirname, 'tools/test/build-dependencies.mjs')] } : {}),
      // Two files at a time even on 2 cores (vitest would run one: cores - 1). Test files spend much of
      // their time waiting on child processes (CLI runs, plugin workers, h5py, Redis, Slurm, Chromium):
      // the last CI run kept only ~1.3 of 2 cores busy. Every file uses its own temp dirs and free ports.
      // VSTDS_TEST_WORKERS=1 runs them one by one (e.g. to read a failing file's timing alone).
      maxWorkers: Number(process.env.VSTDS_TEST_WORKERS) || 2,
      testTimeout: 60_000,
      hookTimeout: 120_000,
      reporters: ['default', 'json'],
      outputFile: { json: resolve(packageDir, '../../tmp/test-reports', `${name}.json`) },
    },
  };
}
