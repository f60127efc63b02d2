import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

it('the README example is examples/readme-example.ts: two shards make disjoint chunks and finalize finds all 8 rows', () => {
  const file = join(__dirname, '../examples/readme-example.ts');
  expect(readFileSync(join(__dirname, '../README.md'), 'utf8')).toContain(readFileSync(file, 'utf8').trim());
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href;
  const r = spawnSync(process.execPath, ['--conditions=@vstds/source', '--import', tsx, file], { cwd: resolve(__dirname, '../../..'), encoding: 'utf8', timeout: 300_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^shard 0\/2: chunks 0, 2, 4 rows$/m);
  expect(r.stdout).toMatch(/^shard 1\/2: chunks 1, 3, 4 rows$/m);
  expect(r.stdout).toMatch(/^finalized: 8\/8 rows in 4 chunks$/m);
}, 300_000);
