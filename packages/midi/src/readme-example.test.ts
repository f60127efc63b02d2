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
    const expected = [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
    // Run from the repo's tmp/ so the @vstds imports resolve like a user's (to src/ here).
    const dir = join(__dirname, '../../../tmp/readme-examples');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'midi.mjs');
    writeFileSync(file, code);
    const { stdout } = await run(process.execPath, ['--conditions=@vstds/source', '--import', 'tsx', file], {
      // Runners such as Nx force colours, which would colour console.log's numbers.
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    expect(expected).toHaveLength(3);
    expect(stdout.trim().split('\n')).toEqual(expected);
  });
});
