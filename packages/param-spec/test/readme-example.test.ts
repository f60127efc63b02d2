import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('README', () => {
  it('its example runs and prints what the comments say', async () => {
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(readme)![1]!;
    // Run from the repo's tmp/ so '@vstds/param-spec' resolves like a user's import (to src/ here).
    const dir = join(__dirname, '../../../tmp/readme-examples');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'param-spec.mjs');
    writeFileSync(file, code);
    const { stdout } = await run(process.execPath, ['--conditions=@vstds/source', '--import', 'tsx', file], {
      // Runners such as Nx force colours, which would colour console.log's numbers.
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('7 {"pitch":61,"note_start_and_end":[0.284284819513521,3.530968447099401]}');
    expect(lines[1]).toBe('0');
    expect(lines[2]).toMatch(/^0\.2948507\d+$/);
  });
});
