import type { NoteParam, ParamSpec, SynthParam } from './spec-types';

/** Where one parameter lives in the encoded vector: columns [start, end). */
export interface EncodedSlice {
  name: string;
  kind: SynthParam['kind'] | NoteParam['kind'];
  start: number;
  end: number;
}

/** Number of encoded columns one parameter takes. */
export function columnCount(p: SynthParam | NoteParam): number {
  switch (p.kind) {
    case 'continuous':
      return 1;
    case 'categorical':
      return p.encoding === 'onehot' ? p.values.length : 1;
    case 'discrete':
      return p.encoding === 'onehot' ? p.max - p.min + 1 : 1;
    case 'note_start_and_end':
      return 2;
  }
}

/** Each parameter's columns, synth parameters first then note parameters, in spec order. */
export function encodedSlices(spec: ParamSpec): EncodedSlice[] {
  const slices: EncodedSlice[] = [];
  let at = 0;
  for (const p of [...spec.synth_params, ...spec.note_params]) {
    const n = columnCount(p);
    slices.push({ name: p.name, kind: p.kind, start: at, end: at + n });
    at += n;
  }
  return slices;
}

/** Parameter names in encoded order (synth then note), as the Python reference's `names`. */
export function names(spec: ParamSpec): string[] {
  return [...spec.synth_params, ...spec.note_params].map((p) => p.name);
}

/** Length of the encoded vector. */
export function width(spec: ParamSpec): number {
  return [...spec.synth_params, ...spec.note_params].reduce((n, p) => n + columnCount(p), 0);
}
