import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, collect, type DatasetDigest, digestDataset, pluginsDir, repoRoot, spawnCli, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

// VstdsJuceClockSynth seeds generators from the wall clock when it is built (like Surge XT):
// with `reproducible: auto` the workers' clock is frozen at the seed's instant and the probe picks
// a reset that repeats bit for bit, so worker counts, kills and resumes change no byte.
const clockSynth = join(pluginsDir, 'VstdsJuceClockSynth.vst3');
const spec = join(repoRoot, 'tools/fixtures/juce-synth/juce_spec.yaml');

describe('reproducible: auto on a clock-seeded instrument', () => {
  const dir = tempDir('reproducible');
  const config = (name: string, workers: number, reproducible: string) =>
    writeConfig(dir, `${name}.yaml`, {
      plugin_path: clockSynth,
      param_spec: spec,
      output_dir: name,
      num_samples: 12,
      samples_per_file: 4,
      num_workers: workers,
      seed: 9,
      signal_duration_seconds: 1,
      note_duration_seconds: 0.5,
      reproducible,
    });
  const run = async (cfg: string) => {
    const r = await collect(spawnCli(['generate', '--config', cfg, '--quiet']));
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
  };
  let one: DatasetDigest;

  it('1 and 2 workers write byte-identical chunk files, and the manifest says how', async () => {
    await run(config('one', 1, 'auto'));
    await run(config('two', 2, 'auto'));
    one = digestDataset(join(dir, 'one'));
    expect(one.rows).toBe(12);
    expect(digestDataset(join(dir, 'two'))).toEqual(one);
    for (const f of readdirSync(join(dir, 'one')).filter((n) => n.endsWith('.h5')))
      expect(readFileSync(join(dir, 'two', f)).equals(readFileSync(join(dir, 'one', f)))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'one/dataset_info.json'), 'utf8'));
    expect(manifest.plugin.determinism).toMatchObject({ clock: 'frozen', bitReproducible: true, renderNoise: 0 });
    expect(manifest.plugin.determinism.instant).toBe(new Date((946684800 + 9) * 1000).toISOString());
  }, 600_000);

  it('a run killed with kill -9 and resumed gives the same bytes', async () => {
    const cfg = config('killed', 2, 'auto');
    const out = join(dir, 'killed');
    const child = spawnCli(['generate', '--config', cfg, '--quiet']);
    const done = collect(child);
    const listed = () => (existsSync(join(out, 'dataset_info.json')) ? JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8')).chunks.length : 0);
    while (listed() < 1) {
      if (child.exitCode !== null) throw new Error(`run ended before it could be killed: ${(await done).stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await done;
    await run(cfg);
    expect(digestDataset(out)).toEqual(one);
  }, 600_000);

  it("with reproducible: off the same config renders other audio (the plugin's own clock)", async () => {
    await run(config('off', 1, 'off'));
    const off = digestDataset(join(dir, 'off'));
    expect(off.rows).toBe(12);
    expect(off.sha256.audio).not.toBe(one.sha256.audio);
  }, 600_000);
});
