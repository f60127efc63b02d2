import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadPlugin } from '../src';
import { bytesOf, nekobi } from './plugins';

function renderInWorker(data: object): Promise<Float32Array[]> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(
      resolve(__dirname, 'fixtures/render-worker.mjs'),
      { workerData: data },
    );
    worker.once('message', resolvePromise);
    worker.once('error', reject);
    worker.once(
      'exit',
      (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)),
    );
  });
}

describe('worker_threads', () => {
  it('two instances in two workers render bit-identically to the main thread', async () => {
    const plugin = await loadPlugin(nekobi);
    try {
      const cutoff = plugin.parameters.find((p) => p.key === 'cutoff')!;
      const req = {
        params: { cutoff: 0.4 },
        notes: [{ pitch: 50, velocity: 100, start: 0.05, end: 0.5 }],
        seconds: 0.75,
      };
      const main = await plugin.render(req);
      const data = {
        packageRoot: resolve(__dirname, '..'),
        path: nekobi,
        ids: [cutoff.id],
        values: [0.4],
        notes: [50, 100, Math.round(0.05 * 44100), Math.round(0.5 * 44100)],
        numSamples: Math.round(0.75 * 44100),
      };
      const [w1, w2] = await Promise.all([
        renderInWorker(data),
        renderInWorker(data),
      ]);
      expect(bytesOf(w1).equals(bytesOf(main.channels))).toBe(true);
      expect(bytesOf(w2).equals(bytesOf(main.channels))).toBe(true);
    } finally {
      plugin.close();
    }
  });

  it('the event loop stays free while a long render runs', async () => {
    const plugin = await loadPlugin(nekobi);
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const started = performance.now();
      await plugin.render({
        notes: [{ pitch: 40, velocity: 100, start: 0, end: 590 }],
        seconds: 600,
      });
      const elapsed = performance.now() - started;
      clearInterval(timer);
      // With a render blocking the JS thread, no interval callback could run until it returned.
      expect(ticks).toBeGreaterThan(Math.min(10, elapsed / 20));
    } finally {
      plugin.close();
    }
  });
});
