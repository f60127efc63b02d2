import { rowRandom, type RowKey, type RowRng } from './row-random';
import type { NoteParam, ParamSpec, SynthParam } from './spec-types';

/**
 * How many PRNG outputs sampleRow consumes for one parameter. Fixed per parameter (a constant_p
 * parameter always draws both its coin and its value) so that the count for a spec is a constant and
 * whatever draws after the spec (midi's sampled velocity) sits at a known position of the stream.
 */
export function paramDrawCount(p: SynthParam | NoteParam): number {
  if (p.kind === 'note_start_and_end') return 2;
  if (p.kind === 'continuous' && p.constant_p !== undefined) return 2;
  return 1;
}

/** PRNG outputs sampleRow consumes for a whole row of this spec. */
export function drawCount(spec: ParamSpec): number {
  return [...spec.synth_params, ...spec.note_params].reduce((n, p) => n + paramDrawCount(p), 0);
}

/**
 * The row's stream positioned right after the spec's own draws: the first output it returns is the
 * first one free for consumers outside the spec (e.g. @vstds/midi's sampled velocity).
 */
export function rowRandomAfterSpec(spec: ParamSpec, key: RowKey): RowRng {
  return rowRandom(key).skip(drawCount(spec));
}
