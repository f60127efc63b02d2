import { SpecValidationError } from './errors';
import type { ParamSpec } from './spec-types';

/**
 * The spec with its pitch range replaced (the run config's min_pitch/max_pitch). The encoded pitch
 * column is scaled over the new range, so datasets record the spec actually used, not the file's.
 */
export function withPitchRange(spec: ParamSpec, min: number, max: number): ParamSpec {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max > 127 || !(min < max)) {
    throw new SpecValidationError([
      { file: spec.name, param: 'pitch', message: `min/max: expected integers 0 <= min < max <= 127, found ${min}..${max}` },
    ]);
  }
  return {
    ...spec,
    note_params: spec.note_params.map((p) => (p.name === 'pitch' && p.kind === 'discrete' ? { ...p, min, max } : p)),
  };
}
