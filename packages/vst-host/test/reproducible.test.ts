import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { deterministicClockEnv, loadPlugin, NotReproducibleError, type PluginDeterminism } from '../src';
import { juceClockSynth, juceSynth, kars } from './plugins';

const run = promisify(execFile);

interface ChildResult {
  determinism?: PluginDeterminism;
  resetMode?: string;
  now?: number;
  renders?: { name: string; sha256: string }[];
  error?: { name: string; code: string; message: string };
}

/** Loads `path` in a fresh Node process and renders `order` (see fixtures/render-child.ts). */
async function renderInChild(
  path: string,
  reproducible: 'auto' | 'strict' | 'off',
  order: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildResult> {
  const { stdout } = await run(
    process.execPath,
    ['--conditions=@vstds/source', '--import', 'tsx', join(__dirname, 'fixtures/render-child.ts'), path, reproducible, order],
    { cwd: join(__dirname, '..'), env, timeout: 180_000, maxBuffer: 16 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
}

const hashes = (r: ChildResult, name: string) => r.renders!.filter((x) => x.name === name).map((x) => x.sha256);

describe('reproducible renders of a plugin seeded from the wall clock (VstdsJuceClockSynth)', () => {
  it("'off': two processes render the same request differently, and so do two renders in one", async () => {
    const [a, b] = await Promise.all([
      renderInChild(juceClockSynth, 'off', 'A,B,A'),
      renderInChild(juceClockSynth, 'off', 'A,B,A'),
    ]);
    expect(a.error).toBeUndefined();
    expect(a.determinism).toMatchObject({ clock: 'real', bitReproducible: false });
    expect(a.determinism!.renderNoise).toBeGreaterThan(0);
    expect(hashes(a, 'A')[0]).not.toBe(hashes(b, 'A')[0]);
    expect(hashes(a, 'A')[0]).not.toBe(hashes(a, 'A')[1]);
  });

  it("'auto' with deterministicClockEnv: bit-identical across processes and render orders, A = A after B", async () => {
    const env = deterministicClockEnv(1234);
    const [a, b] = await Promise.all([
      renderInChild(juceClockSynth, 'auto', 'A,B,A,A', env),
      renderInChild(juceClockSynth, 'auto', 'B,A,B', env),
    ]);
    expect(a.error).toBeUndefined();
    expect(a.now).toBe(Date.parse('2000-01-01T00:20:34Z'));
    // Its generator runs on between renders: only fresh objects per render repeat.
    expect(a.determinism).toEqual({
      method: 'instance',
      clock: 'frozen',
      instant: '2000-01-01T00:20:34.000Z',
      bitReproducible: true,
      renderNoise: 0,
    });
    expect(b.determinism).toEqual(a.determinism);
    const aA = hashes(a, 'A');
    expect(new Set([...aA, ...hashes(b, 'A')]).size).toBe(1);
    expect(new Set([...hashes(a, 'B'), ...hashes(b, 'B')]).size).toBe(1);
    expect(aA[0]).not.toBe(hashes(a, 'B')[0]);
  });

  it('another seed gives another instant, so other (but again repeatable) audio', async () => {
    const [a, b] = await Promise.all([
      renderInChild(juceClockSynth, 'auto', 'A', deterministicClockEnv(1234)),
      renderInChild(juceClockSynth, 'auto', 'A', deterministicClockEnv(99)),
    ]);
    expect(a.determinism?.bitReproducible).toBe(true);
    expect(b.determinism?.bitReproducible).toBe(true);
    expect(hashes(a, 'A')[0]).not.toBe(hashes(b, 'A')[0]);
  });
});

describe("reproducible: 'strict'", () => {
  it('fails at load with one line when the process clock is not frozen', async () => {
    const error = await loadPlugin(juceSynth, { reproducible: 'strict' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotReproducibleError);
    expect((error as NotReproducibleError).code).toBe('E_NOT_REPRODUCIBLE');
    expect((error as Error).message).toMatch(/^VstdsJuceSynth: reproducible: 'strict' cannot be met: VSTDS_CLOCK_INSTANT is not set/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('fails for a plugin that stays random with the clock frozen (Kars)', async () => {
    const r = await renderInChild(kars, 'strict', 'A', deterministicClockEnv(5));
    expect(r.error).toMatchObject({ name: 'NotReproducibleError', code: 'E_NOT_REPRODUCIBLE' });
    expect(r.error!.message).toMatch(/^Kars: .*no reset renders the probe bit-identically|^Kars: .*cannot be met/);
  });

  it('loads a deterministic plugin and records how', async () => {
    const r = await renderInChild(juceSynth, 'strict', 'A,B,A', deterministicClockEnv(5));
    expect(r.error).toBeUndefined();
    expect(r.determinism).toMatchObject({ method: 'params', clock: 'frozen', bitReproducible: true, renderNoise: 0 });
    expect(hashes(r, 'A')[0]).toBe(hashes(r, 'A')[1]);
  });

  it("needs reset 'auto' (the probe is what proves the reset)", async () => {
    await expect(loadPlugin(juceSynth, { reproducible: 'strict', reset: 'state' })).rejects.toThrow(/option `reset` must be 'auto'/);
  });
});
