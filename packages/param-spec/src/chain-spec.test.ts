import { describe, expect, it } from 'vitest';
import { chainSpec, decode, effectPrefix, loadSpec, names, parseSpec, sampleRow, specFromData, splitChainParams, SpecValidationError, width } from './index';

const reverb = specFromData(
  {
    name: 'reverb',
    synth_params: [
      { name: 'decay', kind: 'continuous', min: 0.1, max: 0.9 },
      { name: 'mode', kind: 'categorical', values: ['room', 'hall'], encoding: 'onehot' },
    ],
  },
  'reverb.yaml',
  { role: 'effect' },
);
const eq = specFromData({ name: 'eq', synth_params: [{ name: 'gain', kind: 'continuous', min: 0, max: 1 }], note_params: [] }, 'eq.yaml', { role: 'effect' });

describe('effect specs', () => {
  it('need no note parameters, and refuse any', () => {
    expect(reverb.note_params).toEqual([]);
    expect(() => parseSpec('name: fx\nsynth_params: []\nnote_params:\n- {name: pitch, kind: discrete, min: 0, max: 1, encoding: scalar}\n', 'fx.yaml', { role: 'effect' })).toThrow(
      /fx\.yaml: note_params: expected none in an effect's spec/,
    );
    // An instrument's spec still needs its pitch.
    expect(() => parseSpec('name: x\nsynth_params: []\nnote_params: []\n', 'x.yaml')).toThrow(/expected a "pitch" parameter/);
  });
});

describe('chainSpec', () => {
  const nekobi = loadSpec('nekobi');
  const chain = chainSpec(nekobi, [
    { prefix: effectPrefix(0), spec: reverb },
    { prefix: effectPrefix(1), spec: eq },
  ]);

  it('appends each effect\'s parameters with its prefix after the instrument\'s, keeping the notes', () => {
    expect(chain.name).toBe('nekobi+reverb+eq');
    expect(names(chain).slice(0, nekobi.synth_params.length)).toEqual(names(nekobi).slice(0, nekobi.synth_params.length));
    expect(chain.synth_params.slice(nekobi.synth_params.length).map((p) => p.name)).toEqual(['fx1.decay', 'fx1.mode', 'fx2.gain']);
    expect(chain.note_params).toEqual(nekobi.note_params);
    expect(width(chain)).toBe(width(nekobi) + 1 + 2 + 1);
  });

  it('draws effect parameters from the same row PRNG and encodes them after the synth\'s; rows decode back', () => {
    const row = sampleRow(chain, { seed: 3, index: 17, attempt: 0 });
    const plain = sampleRow(nekobi, { seed: 3, index: 17, attempt: 0 });
    for (const p of nekobi.synth_params) expect(row.synthParams[p.name]).toBe(plain.synthParams[p.name]);
    expect(row.synthParams['fx1.decay']).toBeGreaterThanOrEqual(0.1);
    expect(row.synthParams['fx1.decay']).toBeLessThanOrEqual(0.9);
    const decoded = decode(chain, row.encoded);
    expect(decoded.synthParams['fx1.decay']).toBeCloseTo(row.synthParams['fx1.decay']!, 5);
    expect(decoded.synthParams['fx2.gain']).toBeCloseTo(row.synthParams['fx2.gain']!, 5);
    expect(decoded.synthParams['fx1.mode']).toBe(row.synthParams['fx1.mode']);
    const split = splitChainParams(row.synthParams, [effectPrefix(0), effectPrefix(1)]);
    expect(Object.keys(split.instrument)).toEqual(names(nekobi).slice(0, nekobi.synth_params.length));
    expect(split.effects.map((e) => Object.keys(e))).toEqual([['decay', 'mode'], ['gain']]);
    expect(split.effects[1]!.gain).toBe(row.synthParams['fx2.gain']);
  });

  it('refuses duplicate names and effect specs with notes, naming them', () => {
    expect(() => chainSpec(nekobi, [{ prefix: 'a.', spec: eq }, { prefix: 'a.', spec: eq }])).toThrow(SpecValidationError);
    expect(() => chainSpec(nekobi, [{ prefix: 'a.', spec: eq }, { prefix: 'a.', spec: eq }])).toThrow(/a\.gain: duplicate parameter name/);
    expect(() => chainSpec(nekobi, [{ prefix: 'fx1.', spec: nekobi }])).toThrow(/an effect's spec has no note parameters, found pitch/);
  });
});
