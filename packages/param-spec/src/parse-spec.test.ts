import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecNotFoundError, SpecParseError, SpecValidationError } from './errors';
import { builtInSpecNames, loadSpec } from './load-spec';
import { parseSpec } from './parse-spec';

const BROKEN = `
name: broken
synth_params:
- name: no_max
  kind: continuous
  min: 0.0
- name: backwards
  kind: continuous
  min: 0.9
  max: 0.5
- name: lopsided
  kind: categorical
  values: [a, b, c]
  weights: [1.0, 2.0]
  encoding: onehot
- name: mystery
  kind: spline
- name: typo
  kind: continuous
  min: 0
  max: 1
  constant_prob: 0.5
- name: flat_steps
  kind: discrete
  min: 3
  max: 3
  encoding: onehot
note_params:
- name: pitch
  kind: discrete
  min: 48
  max: 72
`;

function problemsOf(text: string, file: string) {
  try {
    parseSpec(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(SpecValidationError);
    return (e as SpecValidationError).problems;
  }
  throw new Error('expected a SpecValidationError');
}

describe('spec validation', () => {
  it('reports one message per problem, each naming the file and the parameter', () => {
    const problems = problemsOf(BROKEN, 'broken.yaml');
    const lines = problems.map((p) => `${p.param}: ${p.message}`);
    expect(lines).toEqual([
      'no_max: max: expected a finite number, found nothing',
      'backwards: min/max: expected min < max, found min 0.9, max 0.5',
      'lopsided: weights: expected 3 entries (one per value), found 2',
      'mystery: kind: expected one of continuous, categorical, discrete, found "spline"',
      'typo: unknown field "constant_prob" for kind continuous (expected name, kind, min, max, constant_p, constant_value)',
      'flat_steps: min/max: expected min < max, found min 3, max 3',
      'pitch: encoding: expected scalar or onehot, found nothing',
    ]);
    expect(problems.every((p) => p.file === 'broken.yaml')).toBe(true);
  });

  it('puts every problem in the error message, prefixed by the file', () => {
    expect(() => parseSpec(BROKEN, 'specs/broken.yaml')).toThrow(/7 problems in spec:\n {2}specs\/broken\.yaml: no_max: max: expected/);
  });

  it('names unnamed entries by position, and checks the spec as a whole', () => {
    const problems = problemsOf('name: ""\nsynth_params:\n- kind: continuous\n  min: 0\n  max: 1\nnote_params: []\nextra: 1\n', 'x.yaml');
    expect(problems.map((p) => `${p.param ?? '-'}: ${p.message}`)).toEqual([
      '-: unknown top-level key "extra" (expected name, synth_params, note_params)',
      '-: name: expected a non-empty string, found ""',
      'synth_params[0]: name: expected a non-empty string, found nothing',
      '-: note_params: expected a "pitch" parameter (kind: discrete, MIDI notes), found none',
    ]);
  });

  it('checks categorical values, constant_p and note parameters', () => {
    const problems = problemsOf(
      `name: n
synth_params:
- name: one_option
  kind: categorical
  values: [only]
  encoding: scalar
- name: half_constant
  kind: continuous
  min: 0
  max: 1
  constant_p: 1.5
- name: dup
  kind: continuous
  min: 0
  max: 1
- name: dup
  kind: continuous
  min: 0
  max: 1
note_params:
- name: pitch
  kind: discrete
  min: 0
  max: 200
  encoding: scalar
- name: velocity
  kind: continuous
  min: 0
  max: 1
- name: note_start_and_end
  kind: note_start_and_end
  max_seconds: -1
- name: pan
  kind: discrete
  min: 0
  max: 1
  encoding: scalar
`,
      'n.yaml',
    );
    expect(problems.map((p) => `${p.param}: ${p.message}`)).toEqual([
      'one_option: values: expected a list of at least 2 strings (quote labels such as \'True\' or \'1.0\'), found ["only"]',
      'half_constant: constant_p: expected a probability in [0, 1], found 1.5',
      'half_constant: constant_value: expected a number (required with constant_p), found nothing',
      'dup: duplicate parameter name (synth_params[3])',
      'pitch: min/max: expected a range within 0..127, found 0..200',
      'velocity: kind: expected discrete, found "continuous"',
      'note_start_and_end: max_seconds: expected a number > 0, found -1',
      'pan: unknown note parameter (expected pitch, velocity or note_start_and_end)',
    ]);
  });

  it('reports unparsable YAML with the file name', () => {
    expect(() => parseSpec('name: [unclosed', 'bad.yaml')).toThrow(SpecParseError);
    expect(() => parseSpec('name: [unclosed', 'bad.yaml')).toThrow(/^bad\.yaml: not valid YAML\/JSON/);
  });
});

describe('loadSpec', () => {
  it('ships the five built-in specs', () => {
    expect(builtInSpecNames()).toEqual(['mda_jx10', 'nekobi', 'surge_4', 'surge_simple', 'surge_xt']);
  });

  it('loads a spec file by path (YAML or JSON)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'param-spec-'));
    const spec = { name: 'tiny', synth_params: [{ name: 'x', kind: 'continuous', min: 0, max: 1 }], note_params: [{ name: 'pitch', kind: 'discrete', min: 60, max: 72, encoding: 'scalar' }] };
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify(spec));
    expect(loadSpec(join(dir, 'tiny.json'))).toEqual(spec);
  });

  it('names the file of a broken spec', () => {
    const dir = mkdtempSync(join(tmpdir(), 'param-spec-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, BROKEN);
    expect(() => loadSpec(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: backwards: min/max`));
  });

  it('says what it expected when a name is neither built in nor a file', () => {
    expect(() => loadSpec('surge_xl')).toThrow(SpecNotFoundError);
    expect(() => loadSpec('surge_xl')).toThrow(/spec "surge_xl": expected a built-in spec name \(mda_jx10, nekobi, surge_4, surge_simple, surge_xt\) or a path/);
  });
});
