import { describe, expect, it } from 'vitest';
import { decode } from './decode';
import { drawCount, rowRandomAfterSpec } from './draw-count';
import { loadSpec } from './load-spec';
import { rowRandom } from './row-random';
import { sampleRow } from './sample-row';
import { specFromData } from './parse-spec';

describe('sampleRow', () => {
  it('pins golden values (surge_4, seed 42, row 7, attempt 1)', () => {
    const row = sampleRow(loadSpec('surge_4'), { seed: 42, index: 7, attempt: 1 });
    expect(row.synthParams).toEqual({
      a_amp_eg_attack: 0.14969790193553306,
      a_filter_1_cutoff: 0.29485076151501555,
      a_lfo_1_amplitude: 0,
      a_lfo_1_rate: 0.8196333853003365,
    });
    expect(row.noteParams).toEqual({ pitch: 61, note_start_and_end: [0.284284819513521, 3.530968447099401] });
    expect(Array.from(row.encoded)).toEqual(
      Array.from(Float32Array.from([0.14969790193553306 / 0.77, 0.29485076151501555, 0, 0.8196333853003365, 13 / 24, 0.284284819513521 / 4, 3.530968447099401 / 4])),
    );
  });

  it('pins golden values (nekobi: categorical, constant_p, velocity)', () => {
    const row = sampleRow(loadSpec('nekobi'), { seed: 42, index: 7, attempt: 1 });
    expect(row.synthParams.waveform).toBe(0);
    expect(row.synthParams.tuning).toBe(0.5);
    expect(row.synthParams.cutoff).toBe(0.8743745796470405);
    expect(row.noteParams).toEqual({ pitch: 58, velocity: 75 });
  });

  it('is a pure function of (spec, seed, index, attempt)', () => {
    const spec = loadSpec('surge_xt');
    const a = sampleRow(spec, { seed: 9, index: 123, attempt: 2 });
    sampleRow(spec, { seed: 9, index: 5, attempt: 0 });
    const b = sampleRow(spec, { seed: 9, index: 123, attempt: 2 });
    expect(b).toEqual(a);
    expect(sampleRow(spec, { seed: 9, index: 123, attempt: 3 }).encoded).not.toEqual(a.encoded);
  });

  it('keeps every value inside its declared domain and decodes back', () => {
    const spec = loadSpec('surge_xt');
    for (let i = 0; i < 200; i++) {
      const row = sampleRow(spec, { seed: 1, index: i, attempt: 0 });
      for (const p of spec.synth_params) {
        const v = row.synthParams[p.name]!;
        if (p.kind === 'continuous') expect(v === p.constant_value || (v >= p.min && v <= p.max)).toBe(true);
        if (p.kind === 'categorical') expect(p.raw_values).toContain(v);
      }
      const [s, e] = row.noteParams.note_start_and_end!;
      expect(0 <= s && s <= e && e <= 4).toBe(true);
      expect(Number.isInteger(row.noteParams.pitch) && row.noteParams.pitch >= 48 && row.noteParams.pitch <= 72).toBe(true);
      const back = decode(spec, row.encoded);
      for (const p of spec.synth_params) expect(Math.abs(back.synthParams[p.name]! - row.synthParams[p.name]!)).toBeLessThan(1e-6);
    }
  });

  it('hits constant_value with probability constant_p', () => {
    const spec = loadSpec('surge_4'); // a_lfo_1_amplitude: constant_p 0.67 at 0.0
    const n = 5000;
    let constant = 0;
    for (let i = 0; i < n; i++) if (sampleRow(spec, { seed: 5, index: i, attempt: 0 }).synthParams.a_lfo_1_amplitude === 0) constant++;
    const sigma = Math.sqrt(n * 0.67 * 0.33);
    expect(Math.abs(constant - n * 0.67)).toBeLessThan(3 * sigma);
  });

  it('draws discrete values inclusively at both ends', () => {
    const spec = specFromData({
      name: 'd',
      synth_params: [{ name: 'steps', kind: 'discrete', min: 0, max: 2, encoding: 'onehot' }],
      note_params: [{ name: 'pitch', kind: 'discrete', min: 60, max: 61, encoding: 'scalar' }],
    });
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const r = sampleRow(spec, { seed: 0, index: i, attempt: 0 });
      seen.add(`${r.synthParams.steps}/${r.noteParams.pitch}`);
    }
    expect(seen.size).toBe(6);
  });

  it('consumes exactly drawCount(spec) outputs, so rowRandomAfterSpec continues the same stream', () => {
    const spec = loadSpec('surge_xt');
    // 162 synth params: 1 each, +1 for each of the 23 constant_p params; pitch 1; start/end 2.
    expect(drawCount(spec)).toBe(162 + spec.synth_params.filter((p) => p.kind === 'continuous' && p.constant_p !== undefined).length + 3);
    const key = { seed: 4, index: 4, attempt: 0 };
    const raw = rowRandom(key);
    raw.skip(drawCount(spec) - 2);
    const [a, b] = [raw.nextFloat() * 4, raw.nextFloat() * 4];
    expect(sampleRow(spec, key).noteParams.note_start_and_end).toEqual([Math.min(a, b), Math.max(a, b)]);
    expect(rowRandomAfterSpec(spec, key).nextUint64()).toBe(raw.nextUint64());
  });
});
