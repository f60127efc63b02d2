#!/usr/bin/env node
// `npm run generate`: the main job on the built-in default config (configs/quickstart.yaml).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages/cli/dist/bin.js');
if (!existsSync(bin)) {
  console.error('vstds generate: packages/cli is not built; run `npm run setup` (or `npx nx run cli:build`) first.');
  process.exit(1);
}
const args = process.argv.slice(2);
const r = spawnSync(process.execPath, [bin, 'generate', '--config', join(root, 'configs/quickstart.yaml'), ...args], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
