#!/usr/bin/env node
// `npm run generate`: the main job on the built-in default config (configs/quickstart.yaml).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages/cli/dist/bin.js');
if (!existsSync(bin)) {
  console.log('vstds generate: not yet implemented (the CLI pipeline is issue 7).');
  process.exit(0);
}
const args = process.argv.slice(2);
const r = spawnSync(process.execPath, [bin, 'generate', '--config', join(root, 'configs/quickstart.yaml'), ...args], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
