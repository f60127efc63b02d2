import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

it('the README example is examples/readme-example.ts and prints 4 accepted rows in order', () => {
  const file = join(__dirname, '../examples/readme-example.ts');
  expect(readFileSync(join(__dirname, '../README.md'), 'utf8')).toContain(readFileSync(file, 'utf8').trim());
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href;
  const r = spawnSync(process.execPath, ['--conditions=@vstds/source', '--import', tsx, file], { cwd: resolve(__dirname, '../../..'), encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stderr).toBe(0);
  const rows = r.stdout.split('\n').filter((l) => /^row \d+: attempt/.test(l));
  expect(rows.map((l) => Number(/^row (\d+)/.exec(l)![1]))).toEqual([0, 1, 2, 3]);
  expect(rows.every((l) => /44100 samples, loudness -\d+\.\d LUFS$/.test(l))).toBe(true);
}, 240_000);
