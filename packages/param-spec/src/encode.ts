import { closestKeys } from './closest-keys';
import { EncodingError } from './errors';
import { width } from './encoded-layout';
import { nearestRawIndex, rawValues } from './raw-values';
import type { NoteParams, ParamSpec, SynthParams } from './spec-types';

/**
 * The encoded vector exactly as the Python reference builds it: synth columns then note columns, each
 * parameter in spec order; continuous and discrete-scalar (v - min) / (max - min), categorical-scalar
 * the raw value itself, one-hot for onehot (categorical: of the nearest raw value), note start/end
 * divided by max_seconds. Values are computed in float64 and stored as float32.
 */
export function encode(spec: ParamSpec, synthParams: SynthParams, noteParams: NoteParams): Float32Array {
  const out = new Float32Array(width(spec));
  checkKeys(spec, synthParams, noteParams);
  let at = 0;
  for (const p of spec.synth_params) {
    const v = finite(synthParams[p.name], p.name, spec);
    switch (p.kind) {
      case 'continuous':
        out[at++] = (v - p.min) / (p.max - p.min);
        break;
      case 'categorical': {
        if (p.encoding === 'scalar') {
          out[at++] = v;
        } else {
          out[at + nearestRawIndex(rawValues(p), v)] = 1;
          at += p.values.length;
        }
        break;
      }
      case 'discrete':
        at = encodeDiscrete(out, at, p.min, p.max, p.encoding, v, p.name, spec);
        break;
    }
  }
  for (const p of spec.note_params) {
    if (p.kind === 'note_start_and_end') {
      const se = noteParams.note_start_and_end;
      if (!Array.isArray(se) || se.length !== 2) {
        throw new EncodingError(`${spec.name}: note_start_and_end: expected [start, end] in seconds, found ${JSON.stringify(se)}`);
      }
      out[at++] = finite(se[0], 'note_start_and_end[0]', spec) / p.max_seconds;
      out[at++] = finite(se[1], 'note_start_and_end[1]', spec) / p.max_seconds;
    } else {
      const v = finite(noteParams[p.name as 'pitch' | 'velocity'], p.name, spec);
      at = encodeDiscrete(out, at, p.min, p.max, p.encoding, v, p.name, spec);
    }
  }
  return out;
}

function encodeDiscrete(out: Float32Array, at: number, min: number, max: number, encoding: string, v: number, name: string, spec: ParamSpec): number {
  if (encoding === 'scalar') {
    out[at] = (v - min) / (max - min);
    return at + 1;
  }
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new EncodingError(`${spec.name}: ${name}: expected an integer in ${min}..${max} for onehot encoding, found ${v}`);
  }
  out[at + v - min] = 1;
  return at + max - min + 1;
}

function finite(v: unknown, name: string, spec: ParamSpec): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new EncodingError(`${spec.name}: ${name}: expected a finite number, found ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
  }
  return v;
}

function checkKeys(spec: ParamSpec, synthParams: SynthParams, noteParams: NoteParams): void {
  const synthNames = spec.synth_params.map((p) => p.name);
  for (const key of Object.keys(synthParams)) {
    if (!synthNames.includes(key)) {
      throw new EncodingError(`${spec.name}: unknown synth parameter "${key}"; closest: ${closestKeys(key, synthNames).join(', ')}`);
    }
  }
  const noteNames = spec.note_params.map((p) => p.name as string);
  for (const [key, value] of Object.entries(noteParams)) {
    if (value !== undefined && !noteNames.includes(key)) throw new EncodingError(`${spec.name}: note parameter "${key}" is not in the spec (it has ${noteNames.join(', ')})`);
  }
}
