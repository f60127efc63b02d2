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
      testTimeout: 60_000,
      hookTimeout: 120_000,
      reporters: ['default', 'json'],
      outputFile: { json: resolve(packageDir, '../../tmp/test-reports', `${name}.json`) },
    },
  };
}
