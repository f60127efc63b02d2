import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec } from '@vstds/param-spec';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, configTargetProblems, datasetInit, generateChunks, parseConfig } from '../src/index';

const dir = mkdtempSync(join(tmpdir(), 'vstds-preset-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = { plugin_path: '/p/Nekobi.vst3', param_spec: 'nekobi', output_dir: 'out' };
const parse = (keys: Record<string, unknown>) => parseConfig(JSON.stringify(keys), { label: 'presets.yaml', baseDir: '/cfg', cwd: '/shell' });
const problems = (keys: Record<string, unknown>): string[] => {
  try {
    parse(keys);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).problems];
  }
  throw new Error('config was accepted');
};

describe('preset_dir in a config', () => {
  it('makes num_samples optional (0: one row per loadable preset) and resolves against the config file', () => {
    const c = parse({ ...base, preset_dir: 'presets' });
    expect(c.preset_dir).toBe('/cfg/presets');
    expect(c.num_samples).toBe(0);
    expect(parse({ ...base, preset_dir: 'presets', num_samples: 12 }).num_samples).toBe(12);
    // Without preset_dir, num_samples is still required and the config has no preset_dir key:
    // the manifest of an existing config is unchanged.
    expect(problems(base)).toEqual(['presets.yaml: num_samples: expected a positive integer, got nothing (the key is required)']);
    expect('preset_dir' in parse({ ...base, num_samples: 3 })).toBe(false);
  });

  it('refuses preset_dir with preset_path or effects, one line each naming the key', () => {
    expect(problems({ ...base, preset_dir: 'p', preset_path: 'x.vstpreset' })).toEqual([
      'presets.yaml: preset_path: expected either preset_path or preset_dir (each preset is a whole state), got both',
    ]);
    expect(problems({ ...base, preset_dir: 'p', effects: [{ plugin_path: '/fx.vst3', param_spec: 'fx.yaml' }] })).toEqual([
      "presets.yaml: preset_dir: expected no effects (a preset dataset renders the instrument's presets alone), got 1 effects",
    ]);
  });

  it('a preset_dir that is not a directory is a config target problem', () => {
    writeFileSync(join(dir, 'file.vstpreset'), 'x');
    const where = (k: string) => `presets.yaml: ${k}`;
    const of = (preset_dir: string) => configTargetProblems({ ...parse({ ...base, preset_dir }), plugin_path: 'urn:x' }, where).filter((p) => p.includes('preset_dir'));
    expect(of(dir)).toEqual([]);
    expect(of(join(dir, 'file.vstpreset'))).toEqual([
      `presets.yaml: preset_dir: expected a directory of preset files (.vstpreset for VST3, .clapstate for CLAP), got "${join(dir, 'file.vstpreset')}" (not a directory)`,
    ]);
    expect(of(join(dir, 'missing'))).toHaveLength(1);
  });

  it('chunk runs (queue workers, static shards) refuse a preset dataset before starting anything', async () => {
    const c = parse({ ...base, preset_dir: 'presets' });
    await expect(generateChunks(c, { dir, chunks: [0] })).rejects.toThrow(ConfigError);
    await expect(generateChunks(c, { dir, chunks: [0] })).rejects.toThrow(/preset_dir: expected a local `vstds generate`/);
  });

  it('the dataset records the config as written and the rows the presets gave', () => {
    const c = parse({ ...base, preset_dir: 'presets' });
    const identity = { name: 'N', vendor: 'v', version: '1', format: 'vst3', uid: 'u', isInstrument: true, outputChannels: 2, path: '/p', determinism: { method: 'state', clock: 'real', bitReproducible: null, renderNoise: null, instant: null }, effects: [] };
    const init = datasetInit(c, loadSpec('nekobi'), identity as never, null, 7);
    expect(init.totalSamples).toBe(7);
    expect((init.config as { num_samples: number }).num_samples).toBe(0);
  });
});
