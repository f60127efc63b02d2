import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlugin, type Plugin } from '../src';
import { bytesOf, jx10 } from './plugins';

// A small fixed LCG: the patches must be the same on every run, and wide enough to reach the
// JX10 voices (noise, vibrato, slow attacks) that read memory the plugin never initialised.
function patches(count: number, keys: string[]): Record<string, number>[] {
  let s = 0x2545f491;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: count }, () => Object.fromEntries(keys.map((k) => [k, next()])));
}

describe('deterministic heap (glibc M_PERTURB)', () => {
  let plugin: Plugin;
  beforeAll(async () => {
    plugin = await loadPlugin(jx10);
  });
  afterAll(() => plugin.close());

  it('renders every random JX10 patch identically whatever was rendered before it', async () => {
    const keys = plugin.parameters.map((p) => p.key);
    const all = patches(201, keys);
    const notes = [{ pitch: 60, velocity: 100, start: 0, end: 2 }];
    const differing: number[] = [];
    for (let i = 0; i < 200; i++) {
      const a = await plugin.render({ params: all[i], notes, seconds: 2.5 });
      await plugin.render({ params: all[i + 1], notes, seconds: 2.5 });
      const again = await plugin.render({ params: all[i], notes, seconds: 2.5 });
      if (!bytesOf(a.channels).equals(bytesOf(again.channels))) differing.push(i);
    }
    expect(differing).toEqual([]);
  });
});
