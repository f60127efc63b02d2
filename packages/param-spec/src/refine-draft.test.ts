import { describe, expect, it } from 'vitest';
import { draftSpecFromPlugin } from './draft-spec';
import type { PluginParameterInfo } from './plugin-parameter';
import { isNonMusicalParameter, narrowTowardDefaults, refineDraft, type ParameterMeasurements } from './refine-draft';

const params: PluginParameterInfo[] = [
  { id: 0, key: 'cutoff', title: 'Cutoff', units: '', defaultValue: 0.5, stepCount: 0 },
  { id: 1, key: 'volume', title: 'Volume', units: '', defaultValue: 0.8, stepCount: 0 },
  { id: 2, key: 'chorus_depth', title: 'Chorus Depth', units: '', defaultValue: 0, stepCount: 0 },
  { id: 3, key: 'keyboard_low', title: 'Keyboard Low', units: '', defaultValue: 0, stepCount: 127 },
  { id: 4, key: 'wave', title: 'Wave', units: '', defaultValue: 0, stepCount: 2, valueStrings: ['Saw', 'Off', 'Square'] },
  { id: 5, key: 'master_tune', title: 'Master Tune', units: '', defaultValue: 0.5, stepCount: 0 },
];

const point = (value: number, rmsDb: number, difference = 0.1) => ({ value, rmsDb, difference });

const measurements: ParameterMeasurements = {
  base: { rmsDb: -20 },
  parameters: [
    { key: 'cutoff', points: [point(0, -80), point(0.5, -20, 0), point(1, -18)] },
    { key: 'volume', points: [point(0, -Infinity), point(0.5, -26), point(1, -18)] },
    { key: 'chorus_depth', points: [point(0, -20, 0), point(0.5, -20, 0), point(1, -20, 0)] },
    { key: 'wave', points: [point(0, -20, 0), point(0.5, -90), point(1, -19)] },
    { key: 'master_tune', points: [point(0, -20), point(0.5, -20, 0), point(1, -20)] },
  ],
};

describe('refineDraft', () => {
  const draft = draftSpecFromPlugin(params, { name: 'synth' });
  const { spec, decisions } = refineDraft(draft, params, measurements);

  it('narrows continuous ranges halfway between the silencing probe and the nearest audible one', () => {
    expect(spec.synth_params.find((p) => p.name === 'cutoff')).toEqual({ kind: 'continuous', name: 'cutoff', min: 0.25, max: 1 });
    expect(spec.synth_params.find((p) => p.name === 'volume')).toEqual({ kind: 'continuous', name: 'volume', min: 0.25, max: 1 });
  });

  it('drops categorical options that silence the plugin', () => {
    expect(spec.synth_params.find((p) => p.name === 'wave')).toMatchObject({ values: ['Saw', 'Square'], raw_values: [0, 1] });
  });

  it('leaves out inaudible and non-musical parameters (they stay at the default)', () => {
    expect(spec.synth_params.map((p) => p.name)).toEqual(['cutoff', 'volume', 'wave']);
    expect(decisions).toContainEqual({ key: 'chorus_depth', action: 'fixed', reason: 'inaudible' });
    expect(decisions).toContainEqual({ key: 'keyboard_low', action: 'fixed', reason: 'non-musical' });
    expect(decisions).toContainEqual({ key: 'master_tune', action: 'fixed', reason: 'non-musical' });
  });

  it('keeps the draft when the default patch itself is silent (nothing to compare against)', () => {
    const silent = refineDraft(draft, params, { ...measurements, base: { rmsDb: -Infinity } });
    expect(silent.spec.synth_params.map((p) => p.name)).toEqual(['cutoff', 'volume', 'chorus_depth', 'wave']);
  });

  it('recognises performance controls by key or title', () => {
    for (const key of ['keyboard_high', 'midi_channel', 'polyphony', 'voices', 'pitch_bend_range', 'transpose', 'fine_tuning'])
      expect(isNonMusicalParameter({ key, title: key }), key).toBe(true);
    for (const key of ['cutoff', 'dcf1_envelope', 'lfo1_rate', 'volume', 'dco_shape'])
      expect(isNonMusicalParameter({ key, title: key }), key).toBe(false);
  });
});

describe('narrowTowardDefaults', () => {
  it('shrinks each continuous range toward the default, clamped into the range', () => {
    const spec = narrowTowardDefaults(
      { name: 's', synth_params: [{ kind: 'continuous', name: 'volume', min: 0.25, max: 1 }], note_params: [] },
      params,
      0.5,
    );
    expect(spec.synth_params[0]).toEqual({ kind: 'continuous', name: 'volume', min: 0.525, max: 0.9 });
  });
});
