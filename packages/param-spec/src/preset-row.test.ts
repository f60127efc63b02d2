import { describe, expect, it } from 'vitest';
import { decode, EncodingError, loadSpec, presetRow, sampleRow } from './index';

const nekobi = loadSpec('nekobi');
const key = { seed: 5, index: 3, attempt: 0 };
const inSpec = { waveform: 1, tuning: 0.5, cutoff: 0.7, vcf_resonance: 0.2, env_mod: 0.9, decay: 0.4, accent: 0.1, volume: 0.8 };

describe('presetRow', () => {
  it('stores the preset\'s values, draws notes where a random row draws them, and decodes back', () => {
    const row = presetRow(nekobi, key, inSpec);
    expect(row.outOfSpec).toEqual([]);
    expect(row.synthParams).toEqual(inSpec);
    expect(row.noteParams).toEqual(sampleRow(nekobi, key).noteParams);
    const decoded = decode(nekobi, row.encoded);
    for (const [name, value] of Object.entries(inSpec)) expect(decoded.synthParams[name]).toBeCloseTo(value, 6);
  });

  it('snaps categoricals to the nearest option and records every value the spec cannot hold', () => {
    const row = presetRow(nekobi, key, { ...inSpec, waveform: 0.3, cutoff: 0.05 });
    expect(row.synthParams.waveform).toBe(0);
    expect(row.synthParams.cutoff).toBe(0.05);
    expect(row.outOfSpec).toEqual([
      { name: 'waveform', value: 0.3, expected: 'one of 0, 1', stored: 0 },
      { name: 'cutoff', value: 0.05, expected: '0.1..1', stored: 0.05 },
    ]);
  });

  it('names a spec parameter the plugin did not report', () => {
    const { volume: _, ...missing } = inSpec;
    expect(() => presetRow(nekobi, key, missing)).toThrow(EncodingError);
    expect(() => presetRow(nekobi, key, missing)).toThrow(/volume: the preset's plugin has no value/);
  });
});
