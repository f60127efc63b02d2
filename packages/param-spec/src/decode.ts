import { EncodingError } from './errors';
import { width } from './encoded-layout';
import { rawValues } from './raw-values';
import type { NoteParams, ParamSpec, SynthParams } from './spec-types';

export interface DecodedRow {
  synthParams: SynthParams;
  noteParams: NoteParams;
}

/**
 * Inverse of encode, as the Python reference: continuous e * (max - min) + min in float64; onehot picks
 * the first maximum; discrete scalar truncates e * (max - min) + min toward zero like Python's int().
 * Beware that truncation: a float32-encoded pitch can land a hair below its integer (pitch 55 in 48..72
 * decodes to 54); it is kept because the reference does it and datasets were made with it.
 */
export function decode(spec: ParamSpec, encoded: ArrayLike<number>): DecodedRow {
  const w = width(spec);
  if (encoded.length !== w) throw new EncodingError(`${spec.name}: expected an encoded vector of ${w} values, found ${encoded.length}`);
  const synthParams: SynthParams = {};
  const noteParams: Partial<NoteParams> = {};
  let at = 0;
  for (const p of spec.synth_params) {
    switch (p.kind) {
      case 'continuous':
        synthParams[p.name] = encoded[at++]! * (p.max - p.min) + p.min;
        break;
      case 'categorical':
        if (p.encoding === 'scalar') {
          synthParams[p.name] = encoded[at++]!;
        } else {
          synthParams[p.name] = rawValues(p)[argmax(encoded, at, p.values.length)]!;
          at += p.values.length;
        }
        break;
      case 'discrete':
        [synthParams[p.name], at] = decodeDiscrete(encoded, at, p.min, p.max, p.encoding);
        break;
    }
  }
  for (const p of spec.note_params) {
    if (p.kind === 'note_start_and_end') {
      noteParams.note_start_and_end = [encoded[at]! * p.max_seconds, encoded[at + 1]! * p.max_seconds];
      at += 2;
    } else {
      let v: number;
      [v, at] = decodeDiscrete(encoded, at, p.min, p.max, p.encoding);
      noteParams[p.name as 'pitch' | 'velocity'] = v;
    }
  }
  return { synthParams, noteParams: noteParams as NoteParams };
}

function decodeDiscrete(e: ArrayLike<number>, at: number, min: number, max: number, encoding: string): [number, number] {
  if (encoding === 'scalar') return [Math.trunc(e[at]! * (max - min) + min), at + 1];
  const n = max - min + 1;
  return [min + argmax(e, at, n), at + n];
}

function argmax(e: ArrayLike<number>, start: number, n: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (e[start + i]! > e[start + best]!) best = i;
  return best;
}
