import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

it('the README example is examples/readme-example.ts: it writes 6 rows in 2 chunks and its rerun writes none', () => {
  const file = join(__dirname, '../examples/readme-example.ts');
  expect(readFileSync(join(__dirname, '../README.md'), 'utf8')).toContain(readFileSync(file, 'utf8').trim());
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href;
  const r = spawnSync(process.execPath, ['--conditions=@vstds/source', '--import', tsx, file], { cwd: resolve(__dirname, '../../..'), encoding: 'utf8', timeout: 300_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/chunk 0 written: dataset_0000\.h5 \(3 rows\)/);
  expect(r.stdout).toMatch(/chunk 1 written: dataset_0001\.h5 \(3 rows\)/);
  expect(r.stdout).toMatch(/^6 rows in \/.*\/out, 0 crashes$/m);
  expect(r.stdout).toMatch(/^rerun: 0 rows written$/m);
}, 300_000);
