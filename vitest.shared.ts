import { basename, resolve } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';

/**
 * One test configuration for every package: sources resolve through the `@vstds/source` export
 * condition (no build needed to test a dependency), and each package writes a JSON report that
 * tools/test.sh sums into the closing "N passed, N failed" line CI reads.
 */
export function vstdsTestConfig(packageDir: string): ViteUserConfig {
  const name = basename(packageDir);
  return {
    resolve: { conditions: ['@vstds/source'] },
    ssr: { resolve: { conditions: ['@vstds/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
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
