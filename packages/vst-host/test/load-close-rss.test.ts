import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { loadPlugin } from '../src';
import { nekobi } from './plugins';

// Collect garbage before each reading, so that what is measured is what native code keeps.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function rssAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().rss;
}

describe('load/close cycles', () => {
  it('500 load/close cycles grow RSS by less than 20 MB', async () => {
    const cycle = async () => {
      const p = await loadPlugin(nekobi);
      await p.render({
        notes: [{ pitch: 60, velocity: 100, start: 0, end: 0.01 }],
        seconds: 0.02,
      });
      p.close();
    };
    // Let malloc's per-thread arenas (one per libuv pool thread) and the JIT reach their working size.
    for (let i = 0; i < 150; i++) await cycle();
    const before = rssAfterGc();
    let half = 0;
    for (let i = 0; i < 500; i++) {
      await cycle();
      if (i === 249) half = rssAfterGc();
    }
    const after = rssAfterGc();
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
    const report = `RSS ${mb(before)} -> ${mb(half)} -> ${mb(after)}`;
    expect(after - before, report).toBeLessThan(20 * 2 ** 20);
    // A leak grows steadily: the second 250 cycles must not add what the first did.
    expect(after - half, report).toBeLessThan(10 * 2 ** 20);
  }, 120_000);
});
