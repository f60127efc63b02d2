import { defineConfig } from 'vitest/config';
import { vstdsTestConfig } from '../../vitest.shared';

// The CLI is tested as it ships: against the libraries' builds, its end-to-end files through the
// built `vstds` binary (vitest.shared.ts says why).
export default defineConfig(vstdsTestConfig(__dirname, { dependencies: 'build' }));
