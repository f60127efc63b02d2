import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';

const README = resolve(__dirname, '../README.md');
const dir = mkdtempSync(join(resolve(__dirname, '..'), '.readme-example-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('README example runs and prints what the README says', async () => {
  const text = readFileSync(README, 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(text)![1]!;
  const printed = /prints ([\s\S]*?)\n\(/.exec(text)![1]!;
  const expected = [...printed.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  const file = join(dir, 'example.mjs');
  writeFileSync(file, code);
  const lines: string[] = [];
  const spy = vi
    .spyOn(console, 'log')
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    await import(file);
  } finally {
    spy.mockRestore();
  }
  expect(expected.length).toBe(4);
  expect(lines).toEqual(expected);
});
