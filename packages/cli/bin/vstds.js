#!/usr/bin/env node
// The `vstds` command. Committed rather than built, so that npm links node_modules/.bin/vstds at
// install time, before tools/setup builds dist/ (npm links a bin only if its target exists).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  process.stderr.write('vstds: packages/cli is not built yet; run `npm run setup` (or `npx nx run cli:build`) first\n');
  process.exit(1);
}
await import(dist.href);
