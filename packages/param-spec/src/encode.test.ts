import { describe, expect, it } from 'vitest';
import { decode } from './decode';
import { encode } from './encode';
import { encodedSlices, names, width } from './encoded-layout';
import { EncodingError } from './errors';
import { specFromData } from './parse-spec';
import { withPitchRange } from './with-pitch-range';
import { loadSpec } from './load-spec';

// One parameter of every kind and encoding the golden surge data does not cover.
const spec = specFromData({
  name: 'kinds',
  synth_params: [
    { name: 'level', kind: 'continuous', min: 0.2, max: 0.6 },
    { name: 'mode', kind: 'categorical', values: ['a', 'b', 'c'], encoding: 'scalar' },
    { name: 'shape', kind: 'categorical', values: ['x', 'y', 'z'], raw_values: [0.1, 0.5, 0.9], encoding: 'onehot' },
    { name: 'steps', kind: 'discrete', min: 2, max: 5, encoding: 'onehot' },
    { name: 'count', kind: 'discrete', min: 0, max: 10, encoding: 'scalar' },
  ],
  note_params: [
    { name: 'pitch', kind: 'discrete', min: 60, max: 63, encoding: 'onehot' },
    { name: 'velocity', kind: 'discrete', min: 1, max: 127, encoding: 'scalar' },
    { name: 'note_start_and_end', kind: 'note_start_and_end', max_seconds: 2 },
  ],
});

describe('encode / decode of every kind', () => {
  it('lays out columns synth first, then notes', () => {
    expect(width(spec)).toBe(1 + 1 + 3 + 4 + 1 + 4 + 1 + 2);
    expect(names(spec)).toEqual(['level', 'mode', 'shape', 'steps', 'count', 'pitch', 'velocity', 'note_start_and_end']);
    expect(encodedSlices(spec).map((s) => [s.name, s.start, s.end])).toEqual([
      ['level', 0, 1], ['mode', 1, 2], ['shape', 2, 5], ['steps', 5, 9], ['count', 9, 10],
      ['pitch', 10, 14], ['velocity', 14, 15], ['note_start_and_end', 15, 17],
    ]);
  });

  it('encodes like the reference and decodes back', () => {
    const encoded = encode(spec, { level: 0.5, mode: 0.5, shape: 0.62, steps: 4, count: 7 }, { pitch: 61, velocity: 64, note_start_and_end: [0.5, 1.5] });
    expect(Array.from(encoded)).toEqual(Array.from(Float32Array.from([0.75, 0.5, 0, 1, 0, 0, 0, 1, 0, 0.7, 0, 1, 0, 0, 63 / 126, 0.25, 0.75])));
    const back = decode(spec, encoded);
    // count: float32(0.7) * 10 = 6.99999988, truncated to 6 exactly as the reference's int() does.
    expect(back.synthParams).toEqual({ level: 0.5, mode: 0.5, shape: 0.5, steps: 4, count: 6 });
    expect(back.noteParams).toEqual({ pitch: 61, velocity: 64, note_start_and_end: [0.5, 1.5] });
  });

  it('truncates discrete scalars like Python int(), including float32 rounding below the integer', () => {
    const surge4 = loadSpec('surge_4');
    const dec = (pitch: number) => decode(surge4, encode(surge4, { a_amp_eg_attack: 0, a_filter_1_cutoff: 0, a_lfo_1_amplitude: 0, a_lfo_1_rate: 0 }, { pitch, note_start_and_end: [0, 1] })).noteParams.pitch;
    expect(dec(60)).toBe(60);
    expect(dec(54)).toBe(54);
    expect(dec(55)).toBe(54); // float32(7/24) * 24 = 6.99999976; the reference truncates it too
  });

  it('names missing, unknown and out-of-range values', () => {
    const notes = { pitch: 61, velocity: 64, note_start_and_end: [0, 1] as [number, number] };
    const synth = { level: 0.5, mode: 0.5, shape: 0.5, steps: 4, count: 7 };
    expect(() => encode(spec, { ...synth, level: Number.NaN }, notes)).toThrow(/kinds: level: expected a finite number, found null/);
    expect(() => encode(spec, { ...synth, levle: 1 }, notes)).toThrow(/unknown synth parameter "levle"; closest: level/);
    const { count: _count, ...withoutCount } = synth;
    expect(() => encode(spec, withoutCount, notes)).toThrow(/count: expected a finite number, found nothing/);
    expect(() => encode(spec, synth, { ...notes, pitch: 70 })).toThrow(/pitch: expected an integer in 60..63 for onehot encoding, found 70/);
    expect(() => decode(spec, new Float32Array(3))).toThrow(EncodingError);
  });

  it('withPitchRange rescales the pitch column and refuses bad ranges', () => {
    const surge4 = withPitchRange(loadSpec('surge_4'), 36, 84);
    const e = encode(surge4, { a_amp_eg_attack: 0, a_filter_1_cutoff: 0, a_lfo_1_amplitude: 0, a_lfo_1_rate: 0 }, { pitch: 60, note_start_and_end: [0, 1] });
    expect(e[4]).toBe(0.5);
    expect(() => withPitchRange(surge4, 60, 60)).toThrow(/surge_4: pitch: min\/max: expected integers 0 <= min < max <= 127, found 60..60/);
  });
});
