import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { builtInSpecNames, loadSpec, rowRandomAfterSpec, sampleRow } from '../src/index';
import { fixtureDir } from './helpers';

const run = promisify(execFile);

/**
 * sample_row.py re-implements sampleRow in stdlib Python from the README's description alone; if the
 * two agree bit for bit on every built-in spec, the README is precise enough to reproduce a dataset.
 */
describe('README sampling algorithm', () => {
  it.each(builtInSpecNames())('a Python re-implementation reproduces %s rows exactly', async (name) => {
    const spec = loadSpec(name);
    const keys = [[0, 0, 0], [42, 7, 1], [7, 12345, 3], [2 ** 40, 99, 0]] as const;
    const child = run('/usr/bin/python3', [join(fixtureDir, 'sample_row.py')], { maxBuffer: 8 * 1024 * 1024 });
    child.child.stdin!.end(JSON.stringify({ spec, keys, extra: 2 }));
    const { stdout } = await child;
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { synth: Record<string, number>; notes: Record<string, unknown>; after: string[] });
    expect(lines).toHaveLength(keys.length);
    keys.forEach(([seed, index, attempt], k) => {
      const row = sampleRow(spec, { seed, index, attempt });
      expect(lines[k]!.synth).toEqual(row.synthParams);
      expect(lines[k]!.notes).toEqual(row.noteParams);
      const after = rowRandomAfterSpec(spec, { seed, index, attempt });
      expect(lines[k]!.after).toEqual([after.nextUint64().toString(), after.nextUint64().toString()]);
    });
  });
});
