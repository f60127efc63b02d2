import { describe, expect, it } from 'vitest';
import { PluginMismatchError } from './errors';
import type { PluginParameterInfo } from './plugin-parameter';
import { specFromData } from './parse-spec';
import { validateAgainstPlugin } from './validate-against-plugin';

const param = (key: string, stepCount = 0): PluginParameterInfo => ({ id: key, key, title: key, units: '', defaultValue: 0, stepCount });
const plugin = ['cutoff', 'cutoff_env', 'resonance', 'volume', 'waveform', 'decay'].map((k) => param(k));
const pitch = { name: 'pitch', kind: 'discrete', min: 48, max: 72, encoding: 'scalar' };

describe('validateAgainstPlugin', () => {
  it('accepts a spec whose names are plugin keys and whose values are normalized', () => {
    const spec = specFromData({ name: 'ok', synth_params: [{ name: 'cutoff', kind: 'continuous', min: 0.1, max: 1 }], note_params: [pitch] });
    expect(() => validateAgainstPlugin(spec, plugin)).not.toThrow();
  });

  it('lists every unknown name with the three closest keys, and raw values outside [0, 1]', () => {
    const spec = specFromData({
      name: 'bad',
      synth_params: [
        { name: 'cutof', kind: 'continuous', min: 0, max: 1 },
        { name: 'waveform', kind: 'categorical', values: ['a', 'b'], raw_values: [0, 2], encoding: 'onehot' },
        { name: 'volume', kind: 'continuous', min: 0, max: 1.5 },
        { name: 'resonanse', kind: 'continuous', min: 0, max: 1 },
      ],
      note_params: [pitch],
    });
    let error: PluginMismatchError | undefined;
    try {
      validateAgainstPlugin(spec, plugin);
    } catch (e) {
      error = e as PluginMismatchError;
    }
    expect(error).toBeInstanceOf(PluginMismatchError);
    expect(error!.problems).toEqual([
      'cutof: not a parameter of the plugin; closest keys: cutoff, cutoff_env, decay',
      'waveform: raw_values: expected normalized values in [0, 1], found 2',
      'volume: min/max/constant_value: expected normalized values in [0, 1], found 1.5',
      'resonanse: not a parameter of the plugin; closest keys: resonance, volume, decay',
    ]);
    expect(error!.message).toMatch(/^spec "bad" does not fit the plugin \(4 problems\)/);
  });
});
