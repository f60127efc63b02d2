import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, specFromData, width, loadSpec } from '@vstds/param-spec';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, collect, digestDataset, pluginsDir, repoRoot, spawnCli, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

// Nekobi (VST3) → MVerb (VST3 reverb, long tails) → x42-eq (LV2): effect parameters sampled per
// row after the synth's, rendered in the worker after the instrument with every plugin's reset.
const fixtures = join(repoRoot, 'tools/fixtures/effects');
const effects = [
  { plugin_path: join(pluginsDir, 'MVerb.vst3'), param_spec: join(fixtures, 'mverb_spec.yaml') },
  { plugin_path: 'http://gareus.org/oss/lv2/fil4#stereo', param_spec: join(fixtures, 'fil4_spec.yaml') },
];

describe('generate with an effect chain', () => {
  const dir = tempDir('effects');
  const config = (name: string, workers: number, extra: Record<string, unknown> = {}) =>
    writeConfig(dir, `${name}.yaml`, {
      plugin_path: join(pluginsDir, 'Nekobi.vst3'),
      param_spec: 'nekobi',
      output_dir: name,
      num_samples: 8,
      samples_per_file: 4,
      num_workers: workers,
      seed: 21,
      signal_duration_seconds: 2,
      effects,
      ...extra,
    });

  it('stores the effects\' parameters after the synth\'s, decodable, the same with 1 and 2 workers', async () => {
    const one = await collect(spawnCli(['generate', '--config', config('one', 1), '--quiet']));
    expect(one.stderr).not.toMatch(/Error/);
    expect(one.code).toBe(0);
    const two = await collect(spawnCli(['generate', '--config', config('two', 2), '--quiet']));
    expect(two.code).toBe(0);
    const a = digestDataset(join(dir, 'one'));
    expect(a.rows).toBe(8);
    expect(digestDataset(join(dir, 'two'))).toEqual(a);

    const manifest = JSON.parse(readFileSync(join(dir, 'one/dataset_info.json'), 'utf8'));
    const spec = specFromData(manifest.spec);
    expect(spec.name).toBe('nekobi+mverb+fil4');
    expect(width(spec)).toBe(width(loadSpec('nekobi')) + 4);
    expect(a.shapes.param_array).toEqual([width(spec)]);
    expect(manifest.param_names).toEqual(expect.arrayContaining(['fx1.mix', 'fx1.decay', 'fx1.size', 'fx2.gain_db']));
    expect(manifest.plugin.effects.map((e: { name: string; format: string }) => [e.name, e.format])).toEqual([
      ['MVerb', 'vst3'],
      [expect.stringMatching(/x42-eq/), 'lv2'],
    ]);
    const params = JSON.parse(
      (await import('node:child_process')).execFileSync('/usr/bin/python3', ['-c', `
import h5py, hdf5plugin, json, sys
f = h5py.File(sys.argv[1], 'r')
print(json.dumps(f['param_array'][:].tolist()))`, join(dir, 'one/dataset_0000.h5')], { encoding: 'utf8' }),
    ) as number[][];
    for (const row of params) {
      const d = decode(spec, row).synthParams;
      expect(d['fx1.mix']).toBeGreaterThanOrEqual(0.2 - 1e-6);
      expect(d['fx1.mix']).toBeLessThanOrEqual(0.8 + 1e-6);
      expect(d['fx2.gain_db']).toBeGreaterThanOrEqual(0.3 - 1e-6);
    }
  }, 600_000);

  it('spec init drafts an effect spec (no notes) that a chain accepts', async () => {
    const r = await collect(spawnCli(['spec', 'init', join(pluginsDir, 'MVerb.vst3')]));
    expect(r.code).toBe(0);
    const { parseSpec } = await import('@vstds/param-spec');
    const spec = parseSpec(r.stdout, 'mverb-draft.yaml', { role: 'effect' });
    expect(spec.note_params).toEqual([]);
    expect(spec.synth_params.map((p) => p.name)).toEqual(expect.arrayContaining(['mix', 'decay', 'size']));
  }, 120_000);

  it('an instrument in an effect slot is refused before any render: one line, exit 2', async () => {
    const bad = await collect(
      spawnCli(['generate', '--config', config('bad', 1, { effects: [{ plugin_path: join(pluginsDir, 'Kars.vst3'), param_spec: join(fixtures, 'fil4_spec.yaml') }] })]),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Kars\.vst3: "Kars" is an instrument .*expected an effect/);
  }, 300_000);
});
