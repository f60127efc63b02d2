import { parse as parseYaml } from 'yaml';
import { SpecParseError, SpecValidationError, type SpecProblem } from './errors';
import type {
  CategoricalParam,
  ContinuousParam,
  DiscreteParam,
  Encoding,
  NoteParam,
  NoteStartAndEndParam,
  ParamSpec,
  SynthParam,
} from './spec-types';

type Obj = Record<string, unknown>;

const SYNTH_KINDS = ['continuous', 'categorical', 'discrete'] as const;
const ENCODINGS: readonly Encoding[] = ['scalar', 'onehot'];
const FIELDS: Record<string, readonly string[]> = {
  continuous: ['name', 'kind', 'min', 'max', 'constant_p', 'constant_value'],
  categorical: ['name', 'kind', 'values', 'raw_values', 'weights', 'encoding'],
  discrete: ['name', 'kind', 'min', 'max', 'encoding'],
  note_start_and_end: ['name', 'kind', 'max_seconds'],
};
/** MIDI's own limits; velocity 0 would be a note-off. */
const NOTE_RANGES: Record<string, [number, number]> = { pitch: [0, 127], velocity: [1, 127] };

/**
 * What a spec parameterises. An instrument spec needs a `pitch` note parameter; an effect takes no
 * notes, so its spec has no note parameters (`note_params` empty or left out).
 */
export type SpecRole = 'instrument' | 'effect';

export interface SpecOptions {
  /** Default 'instrument'. */
  role?: SpecRole;
}

/** Parses YAML or JSON text (JSON is YAML) and validates it; `file` labels every problem. */
export function parseSpec(text: string, file = '<spec>', opts: SpecOptions = {}): ParamSpec {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new SpecParseError(file, (e as Error).message.split('\n')[0] ?? String(e));
  }
  return specFromData(data, file, opts);
}

/**
 * Validates plain data (a parsed spec file or a hand-built object) and returns a clean ParamSpec.
 * Collects every problem before throwing, so one run of a broken file shows all that is wrong.
 */
export function specFromData(data: unknown, file = '<spec>', opts: SpecOptions = {}): ParamSpec {
  const effect = opts.role === 'effect';
  const problems: SpecProblem[] = [];
  const problem = (param: string | undefined, message: string) => problems.push({ file, param, message });

  if (!isObj(data)) {
    throw new SpecValidationError([{ file, message: `expected a mapping with name, synth_params, note_params; found ${show(data)}` }]);
  }
  for (const key of Object.keys(data)) {
    if (!['name', 'synth_params', 'note_params'].includes(key)) problem(undefined, `unknown top-level key "${key}" (expected name, synth_params, note_params)`);
  }
  if (typeof data.name !== 'string' || data.name.trim() === '') problem(undefined, `name: expected a non-empty string, found ${show(data.name)}`);

  const synth: SynthParam[] = [];
  const notes: NoteParam[] = [];
  const seen = new Set<string>();
  const checkName = (raw: Obj, where: string): string | undefined => {
    if (typeof raw.name !== 'string' || raw.name.trim() === '') {
      problem(where, `name: expected a non-empty string, found ${show(raw.name)}`);
      return undefined;
    }
    if (seen.has(raw.name)) problem(raw.name, `duplicate parameter name (${where})`);
    seen.add(raw.name);
    return raw.name;
  };

  for (const [listKey, target] of [['synth_params', synth], ['note_params', notes]] as const) {
    const list = effect && listKey === 'note_params' && data[listKey] === undefined ? [] : data[listKey];
    if (!Array.isArray(list)) {
      problem(undefined, `${listKey}: expected a list of parameters, found ${show(list)}`);
      continue;
    }
    list.forEach((raw: unknown, i) => {
      const where = `${listKey}[${i}]`;
      if (!isObj(raw)) {
        problem(where, `expected a mapping with name and kind, found ${show(raw)}`);
        return;
      }
      const name = checkName(raw, where);
      const label = name ?? where;
      const before = problems.length;
      const param = listKey === 'synth_params' ? synthParam(raw, label, problem) : noteParam(raw, label, problem);
      if (param && name !== undefined && problems.length === before) (target as unknown[]).push(param);
    });
  }
  if (effect && Array.isArray(data.note_params) && data.note_params.length > 0) {
    problem(undefined, `note_params: expected none in an effect's spec (an effect takes no notes), found ${data.note_params.length}`);
  } else if (!effect && Array.isArray(data.note_params) && !notes.some((p) => p.name === 'pitch') && !problems.some((p) => p.param === 'pitch')) {
    problem(undefined, 'note_params: expected a "pitch" parameter (kind: discrete, MIDI notes), found none');
  }
  if (problems.length > 0) throw new SpecValidationError(problems);
  return { name: data.name as string, synth_params: synth, note_params: effect ? [] : notes };
}

type Report = (param: string | undefined, message: string) => void;

function synthParam(raw: Obj, label: string, problem: Report): SynthParam | undefined {
  switch (raw.kind) {
    case 'continuous':
      return continuous(raw, label, problem);
    case 'categorical':
      return categorical(raw, label, problem);
    case 'discrete':
      return discrete(raw, label, problem);
    default:
      problem(label, `kind: expected one of ${SYNTH_KINDS.join(', ')}, found ${show(raw.kind)}`);
      return undefined;
  }
}

function noteParam(raw: Obj, label: string, problem: Report): NoteParam | undefined {
  if (raw.name === 'note_start_and_end') {
    if (raw.kind !== 'note_start_and_end') {
      problem(label, `kind: expected note_start_and_end, found ${show(raw.kind)}`);
      return undefined;
    }
    unknownFields(raw, 'note_start_and_end', label, problem);
    const max = num(raw, 'max_seconds', label, problem);
    if (max !== undefined && !(max > 0)) problem(label, `max_seconds: expected a number > 0, found ${max}`);
    return max === undefined ? undefined : ({ kind: 'note_start_and_end', name: 'note_start_and_end', max_seconds: max } satisfies NoteStartAndEndParam);
  }
  if (raw.name === 'pitch' || raw.name === 'velocity') {
    if (raw.kind !== 'discrete') {
      problem(label, `kind: expected discrete, found ${show(raw.kind)}`);
      return undefined;
    }
    const p = discrete(raw, label, problem);
    const [lo, hi] = NOTE_RANGES[raw.name]!;
    if (p && (p.min < lo || p.max > hi)) problem(label, `min/max: expected a range within ${lo}..${hi}, found ${p.min}..${p.max}`);
    return p;
  }
  if (typeof raw.name === 'string') problem(label, `unknown note parameter (expected pitch, velocity or note_start_and_end)`);
  return undefined;
}

function continuous(raw: Obj, label: string, problem: Report): ContinuousParam | undefined {
  unknownFields(raw, 'continuous', label, problem);
  const min = num(raw, 'min', label, problem);
  const max = num(raw, 'max', label, problem);
  if (min !== undefined && max !== undefined && !(min < max)) problem(label, `min/max: expected min < max, found min ${min}, max ${max}`);
  const p: ContinuousParam = { kind: 'continuous', name: raw.name as string, min: min ?? 0, max: max ?? 1 };
  if (raw.constant_p !== undefined) {
    const cp = num(raw, 'constant_p', label, problem);
    if (cp !== undefined && (cp < 0 || cp > 1)) problem(label, `constant_p: expected a probability in [0, 1], found ${cp}`);
    if (raw.constant_value === undefined) problem(label, 'constant_value: expected a number (required with constant_p), found nothing');
    const cv = raw.constant_value === undefined ? undefined : num(raw, 'constant_value', label, problem);
    if (cp !== undefined && cv !== undefined) Object.assign(p, { constant_p: cp, constant_value: cv });
  } else if (raw.constant_value !== undefined) {
    problem(label, 'constant_p: expected a probability (required with constant_value), found nothing');
  }
  return p;
}

function categorical(raw: Obj, label: string, problem: Report): CategoricalParam | undefined {
  unknownFields(raw, 'categorical', label, problem);
  const values = raw.values;
  let n = 0;
  if (!Array.isArray(values) || values.length < 2 || !values.every((v) => typeof v === 'string')) {
    problem(label, `values: expected a list of at least 2 strings (quote labels such as 'True' or '1.0'), found ${show(values)}`);
  } else {
    n = values.length;
  }
  const p: CategoricalParam = { kind: 'categorical', name: raw.name as string, values: n ? (values as string[]) : [], encoding: encoding(raw, label, problem) ?? 'scalar' };
  const raws = numList(raw, 'raw_values', n, label, problem);
  if (raws) p.raw_values = raws;
  const weights = numList(raw, 'weights', n, label, problem);
  if (weights) {
    if (weights.some((w) => w < 0)) problem(label, `weights: expected non-negative numbers, found ${show(weights)}`);
    else if (!(weights.reduce((a, b) => a + b, 0) > 0)) problem(label, `weights: expected a positive sum, found ${show(weights)}`);
    p.weights = weights;
  }
  return p;
}

function discrete(raw: Obj, label: string, problem: Report): DiscreteParam | undefined {
  unknownFields(raw, 'discrete', label, problem);
  const min = num(raw, 'min', label, problem);
  const max = num(raw, 'max', label, problem);
  for (const [k, v] of [['min', min], ['max', max]] as const) {
    if (v !== undefined && !Number.isInteger(v)) problem(label, `${k}: expected an integer, found ${v}`);
  }
  if (min !== undefined && max !== undefined && !(min < max)) problem(label, `min/max: expected min < max, found min ${min}, max ${max}`);
  return { kind: 'discrete', name: raw.name as string, min: min ?? 0, max: max ?? 1, encoding: encoding(raw, label, problem) ?? 'scalar' };
}

function encoding(raw: Obj, label: string, problem: Report): Encoding | undefined {
  if (ENCODINGS.includes(raw.encoding as Encoding)) return raw.encoding as Encoding;
  problem(label, `encoding: expected scalar or onehot, found ${show(raw.encoding)}`);
  return undefined;
}

function num(raw: Obj, key: string, label: string, problem: Report): number | undefined {
  const v = raw[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  problem(label, `${key}: expected a finite number, found ${show(v)}`);
  return undefined;
}

function numList(raw: Obj, key: string, n: number, label: string, problem: Report): number[] | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    problem(label, `${key}: expected a list of finite numbers, found ${show(v)}`);
    return undefined;
  }
  if (n > 0 && v.length !== n) {
    problem(label, `${key}: expected ${n} entries (one per value), found ${v.length}`);
    return undefined;
  }
  return v as number[];
}

function unknownFields(raw: Obj, kind: string, label: string, problem: Report): void {
  const allowed = FIELDS[kind]!;
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) problem(label, `unknown field "${key}" for kind ${kind} (expected ${allowed.join(', ')})`);
  }
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
