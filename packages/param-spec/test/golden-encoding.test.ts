import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode, encode, encodedSlices, loadSpec, names, width, type NoteParams } from '../src/index';
import { fixtureDir } from './helpers';

/** Golden data produced by the Python ParamSpec (copied from ../shared/fixtures). */
interface GoldenCase {
  synth_params: Record<string, number>;
  note_params: { pitch: number; note_start_and_end: [number, number] };
  encoded: number[];
  decoded_synth_params: Record<string, number>;
}
const golden = JSON.parse(
  readFileSync(join(fixtureDir, 'param_spec_encoding.json'), 'utf8'),
) as Record<string, { encoded_width: number; names_in_order: string[]; cases: GoldenCase[] }>;

const TOL = 1e-6;

describe.each(['surge_xt', 'surge_simple', 'surge_4'])('golden encodings of %s', (specName) => {
  const spec = loadSpec(specName);
  const data = golden[specName]!;

  it('has the reference width and names in order', () => {
    expect(width(spec)).toBe(data.encoded_width);
    expect(names(spec)).toEqual(data.names_in_order);
    expect(encodedSlices(spec).at(-1)!.end).toBe(data.encoded_width);
  });

  it.each(data.cases.map((c, i) => [i, c] as const))('case %i encodes and decodes like the reference', (_i, c) => {
    const encoded = encode(spec, c.synth_params, c.note_params as NoteParams);
    expect(encoded).toHaveLength(data.encoded_width);
    const worst = c.encoded.reduce((m, v, k) => Math.max(m, Math.abs(v - encoded[k]!)), 0);
    expect(worst).toBeLessThanOrEqual(TOL);

    const decoded = decode(spec, Float32Array.from(c.encoded));
    expect(Object.keys(decoded.synthParams)).toEqual(Object.keys(c.decoded_synth_params));
    for (const [name, v] of Object.entries(c.decoded_synth_params)) {
      expect(Math.abs(decoded.synthParams[name]! - v), name).toBeLessThanOrEqual(TOL);
    }
    const [s, e] = c.note_params.note_start_and_end;
    expect(Math.abs(decoded.noteParams.note_start_and_end![0] - s)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(decoded.noteParams.note_start_and_end![1] - e)).toBeLessThanOrEqual(TOL);
    // int() truncation after float32 rounding may land one below; never elsewhere.
    expect([c.note_params.pitch, c.note_params.pitch - 1]).toContain(decoded.noteParams.pitch);
  });
});

describe('shipped surge specs', () => {
  it.each(['surge_xt', 'surge_simple', 'surge_4'])('%s is byte-identical to ../shared/specs', (name) => {
    const shipped = readFileSync(join(__dirname, `../specs/${name}.yaml`), 'utf8');
    expect(shipped).toBe(readFileSync(join(__dirname, `../../../../shared/specs/${name}.yaml`), 'utf8'));
  });
});
