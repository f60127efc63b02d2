import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, loadSpec, presetRow } from '@vstds/param-spec';
import { listPresetFiles, loadPlugin, PresetFormatError } from '@vstds/vst-host';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, pluginsDir, repoRoot, tempDir } from './e2e-helpers';

afterAll(cleanupTempDirs);

// Presets saved from the test instruments at known values; a preset row read back from each must
// decode to those values (categoricals snapped to their option), with notes from the row PRNG.
const spec = loadSpec('nekobi');
const known = [
  { waveform: 1, tuning: 0.5, cutoff: 0.8, vcf_resonance: 0.1, env_mod: 0.6, decay: 0.3, accent: 0.2, volume: 0.9 },
  { waveform: 0, tuning: 0.52, cutoff: 0.2, vcf_resonance: 0.9, env_mod: 0.1, decay: 0.7, accent: 0.5, volume: 0.6 },
];

// Known host limitation: Nekobi VST3's stepped Waveform renders as set but does not persist through
// setParameters into its saved state (the CLAP build does), so its VST3 presets keep the default.
describe.each([
  ['VST3', join(pluginsDir, 'Nekobi.vst3'), known.map((v) => ({ ...v, waveform: 0 }))],
  ['CLAP', join(repoRoot, '.plugins/clap/Nekobi.clap'), known],
])('preset rows from Nekobi %s presets', (_format, path, known) => {
  it('decode back to the values the presets were saved with', async () => {
    const dir = tempDir('presets');
    const maker = await loadPlugin(path);
    const ext = maker.info.format === 'vst3' ? '.vstpreset' : '.clapstate';
    known.forEach((values, i) => {
      maker.setParameters(values);
      maker.savePreset(join(dir, `p${i}${ext}`));
    });
    maker.close();
    writeFileSync(join(dir, 'README.txt'), 'not a preset');
    mkdirSync(join(dir, `folder${ext}`));
    const files = listPresetFiles(dir, maker.info.format);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([`p0${ext}`, `p1${ext}`]);

    const reader = await loadPlugin(path);
    try {
      files.forEach((file, i) => {
        reader.loadPreset(file);
        const row = presetRow(spec, { seed: 1, index: i, attempt: 0 }, reader.getParameterValues());
        expect(row.outOfSpec).toEqual([]);
        const decoded = decode(spec, row.encoded);
        for (const [name, value] of Object.entries(known[i]!)) expect(decoded.synthParams[name]).toBeCloseTo(value, 5);
      });
    } finally {
      reader.close();
    }
  });
});

describe('preset folders', () => {
  it('a folder with no presets is refused, naming what was looked for', () => {
    const dir = tempDir('empty-presets');
    expect(() => listPresetFiles(dir, 'vst3')).toThrow(PresetFormatError);
    expect(() => listPresetFiles(dir, 'vst3')).toThrow(/no \.vstpreset files/);
    expect(() => listPresetFiles(dir, 'lv2')).toThrow(/lv2 presets are not files/);
  });
});
