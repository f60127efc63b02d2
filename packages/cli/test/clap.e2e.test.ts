import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, collect, digestDataset, pluginsDir, repoRoot, spawnCli, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

// `vstds generate` on a .clap path, the way a user runs it; Nekobi's CLAP and VST3 builds render
// the same samples, so the two datasets' arrays must be identical too.
describe('generate on a CLAP instrument (Nekobi.clap)', () => {
  const dir = tempDir('clap');
  const config = (name: string, plugin: string) =>
    writeConfig(dir, `${name}.yaml`, {
      plugin_path: plugin,
      param_spec: 'nekobi',
      output_dir: name,
      num_samples: 12,
      samples_per_file: 6,
      num_workers: 2,
      seed: 11,
    });

  it('writes a complete dataset whose arrays equal the VST3 build\'s', async () => {
    const clap = await collect(spawnCli(['generate', '--config', config('clap', join(repoRoot, '.plugins/clap/Nekobi.clap'))]));
    expect(clap.stderr).not.toMatch(/Error/);
    expect(clap.code).toBe(0);
    const vst3 = await collect(spawnCli(['generate', '--config', config('vst3', join(pluginsDir, 'Nekobi.vst3'))]));
    expect(vst3.code).toBe(0);
    const a = digestDataset(join(dir, 'clap'));
    const b = digestDataset(join(dir, 'vst3'));
    expect(a.rows).toBe(12);
    expect(a.finite).toBe(true);
    expect(a).toEqual(b);
  }, 240_000);
});
