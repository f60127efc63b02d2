import { describe, expect, it } from 'vitest';
import { draftSpecFromPlugin } from './draft-spec';
import { formatSpec } from './format-spec';
import { builtInSpecNames, loadSpec } from './load-spec';
import { parseSpec } from './parse-spec';
import type { PluginParameterInfo } from './plugin-parameter';

const params: PluginParameterInfo[] = [
  { id: 0, key: 'cutoff', title: 'Cutoff', units: '', defaultValue: 0.5, stepCount: 0 },
  { id: 1, key: 'waveform', title: 'Waveform', units: '', defaultValue: 0, stepCount: 2, valueStrings: ['Sine', 'Saw', 'Square'] },
  { id: 2, key: 'mode', title: 'Mode', units: '', defaultValue: 0, stepCount: 3 },
];

describe('draftSpecFromPlugin', () => {
  it('makes continuous and stepped parameters with normalized step positions', () => {
    const spec = draftSpecFromPlugin(params, { name: 'juce_synth', pitch: [40, 80], noteMaxSeconds: 3 });
    expect(spec).toEqual({
      name: 'juce_synth',
      synth_params: [
        { kind: 'continuous', name: 'cutoff', min: 0, max: 1 },
        { kind: 'categorical', name: 'waveform', values: ['Sine', 'Saw', 'Square'], raw_values: [0, 0.5, 1], encoding: 'onehot' },
        { kind: 'categorical', name: 'mode', values: ['0', '1', '2', '3'], raw_values: [0, 1 / 3, 2 / 3, 1], encoding: 'onehot' },
      ],
      note_params: [
        { kind: 'discrete', name: 'pitch', min: 40, max: 80, encoding: 'scalar' },
        { kind: 'note_start_and_end', name: 'note_start_and_end', max_seconds: 3 },
      ],
    });
  });

  it('formats as a spec file that parses back to the same spec', () => {
    const spec = draftSpecFromPlugin(params);
    const text = formatSpec(spec, 'drafted from a plugin\nedit the ranges');
    expect(text.startsWith('# drafted from a plugin\n# edit the ranges\nname: draft\nsynth_params:\n- name: cutoff\n  kind: continuous\n')).toBe(true);
    expect(parseSpec(text, 'draft.yaml')).toEqual(spec);
  });

  it.each(builtInSpecNames())('round-trips the built-in %s through formatSpec', (name) => {
    const spec = loadSpec(name);
    expect(parseSpec(formatSpec(spec), `${name}.yaml`)).toEqual(spec);
  });
});
