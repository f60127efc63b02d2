import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { melSpectrogram } from '../src/index';
import { loadCases } from './fixtures';

const PACKAGE_ROOT = resolve(__dirname, '..');

describe('native FFTW addon', () => {
  it('is deterministic: the same row gives the same bytes', () => {
    const c = loadCases().find((x) => x.name === 'noise_44100')!;
    const a = melSpectrogram(c.channels, 44100, { backend: 'fast' }).data;
    const b = melSpectrogram(c.channels, 44100, { backend: 'fast' }).data;
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('reads Float32Array views at their byte offset', () => {
    const c = loadCases().find((x) => x.name === 'saw_decay_44100')!;
    const n = c.channels[0]!.length;
    const planar = new Float32Array(2 * n + 3);
    planar.set(c.channels[0]!, 3);
    planar.set(c.channels[1]!, 3 + n);
    const views = [planar.subarray(3, 3 + n), planar.subarray(3 + n)];
    const a = melSpectrogram(views, 44100, { backend: 'fast' }).data;
    const b = melSpectrogram(c.channels, 44100, { backend: 'fast' }).data;
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('loads and computes in worker threads concurrently (context-aware, planner locked)', async () => {
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const addon = require(require.resolve('node-gyp-build', { paths: [workerData.root] }))(workerData.root);
      const n = 44100, nFft = 1102, hop = 441, frames = 101;
      const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.03) * 0.5);
      const w = new Float64Array(nFft).fill(1);
      const start = Int32Array.from({ length: 128 }, (_, m) => m * 4);
      const len = new Int32Array(128).fill(4);
      const off = Int32Array.from({ length: 128 }, (_, m) => m * 4);
      const out = new Float64Array(128 * frames);
      addon.melPower(x, nFft, hop, frames, w, start, len, off, new Float64Array(512).fill(0.25), out, 0, false);
      parentPort.postMessage(out);`;
    const run = () =>
      new Promise<Float64Array>((ok, fail) => {
        const worker = new Worker(code, {
          eval: true,
          workerData: { root: PACKAGE_ROOT },
        });
        worker.once('message', ok);
        worker.once('error', fail);
      });
    const results = await Promise.all([run(), run(), run()]);
    expect(results[0]!.some((v) => v > 0)).toBe(true);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('validates its arguments instead of reading out of bounds', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(resolve(PACKAGE_ROOT, 'package.json'));
    const addon = (
      require('node-gyp-build') as (d: string) => {
        melPower: (...a: unknown[]) => void;
      }
    )(PACKAGE_ROOT);
    const args = (out: Float64Array, start: Int32Array) => [
      new Float32Array(1000),
      400,
      160,
      7,
      new Float64Array(400),
      start,
      new Int32Array(128).fill(2),
      new Int32Array(128),
      new Float64Array(2),
      out,
      0,
      false,
    ];
    expect(() =>
      addon.melPower(...args(new Float64Array(10), new Int32Array(128))),
    ).toThrow(/inconsistent sizes/);
    expect(() =>
      addon.melPower(
        ...args(new Float64Array(128 * 7), new Int32Array(128).fill(200)),
      ),
    ).toThrow(/filterbank row out of range/);
    expect(() => addon.melPower(1, 2)).toThrow(/expected 12 arguments/);
  });
});
