import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '../src/index';

const run = promisify(execFile);
const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href;
const work = mkdtempSync(join(tmpdir(), 'vstds-h5-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('README', () => {
  it('its example writes a per-array compressed dataset and prints what the comment says', async () => {
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    // Saved inside the repo so '@vstds/hdf5-chunks' resolves like a user's import (to src/ here); run in a temp dir.
    const dir = join(__dirname, '../../../tmp/readme-examples');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'hdf5-chunks.mts');
    writeFileSync(file, code);
    const { stdout } = await run(process.execPath, ['--conditions=@vstds/source', '--import', tsx, file], {
      cwd: work, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    const comment = /\/\/ (dataset_0000.*)\n/.exec(code)![1]!;
    expect(stdout.trim()).toBe(comment);
    expect(readManifest(join(work, 'out'))!.codecs).toEqual({
      audio: { codec: 'blosc:zstd', level: 5, hdf5_filter: 32001 }, mel_spec: { codec: 'blosc:lz4', level: 5, hdf5_filter: 32001 },
    });
  }, 120_000);
});
