import { encode } from './encode';
import { rawValues } from './raw-values';
import { rowRandom, type RowKey, type RowRng } from './row-random';
import type { NoteParams, ParamSpec, SynthParam, SynthParams } from './spec-types';

/** One sampled dataset row: its key, its parameter values and their encoding. Plain data (structured-clone safe). */
export interface SampledRow extends RowKey {
  synthParams: SynthParams;
  noteParams: NoteParams;
  encoded: Float32Array;
}

/**
 * Draws every parameter of `spec` from the row's own PRNG (see rowRandom): synth parameters in spec
 * order, then note parameters in spec order; the README lists the exact draws per kind.
 */
export function sampleRow(spec: ParamSpec, key: RowKey): SampledRow {
  const rng = rowRandom(key);
  const synthParams: SynthParams = {};
  for (const p of spec.synth_params) synthParams[p.name] = drawSynth(p, rng);
  const noteParams: Partial<NoteParams> = {};
  for (const p of spec.note_params) {
    if (p.kind === 'note_start_and_end') {
      const a = rng.nextFloat() * p.max_seconds;
      const b = rng.nextFloat() * p.max_seconds;
      noteParams.note_start_and_end = a <= b ? [a, b] : [b, a];
    } else {
      noteParams[p.name as 'pitch' | 'velocity'] = rng.nextInt(p.min, p.max);
    }
  }
  const notes = noteParams as NoteParams;
  return { seed: key.seed, index: key.index, attempt: key.attempt, synthParams, noteParams: notes, encoded: encode(spec, synthParams, notes) };
}

function drawSynth(p: SynthParam, rng: RowRng): number {
  switch (p.kind) {
    case 'continuous': {
      if (p.constant_p === undefined) return p.min + rng.nextFloat() * (p.max - p.min);
      // Both draws always happen, so the stream position after this parameter never depends on the coin.
      const coin = rng.nextFloat();
      const u = rng.nextFloat();
      return coin < p.constant_p ? (p.constant_value as number) : p.min + u * (p.max - p.min);
    }
    case 'categorical':
      return rawValues(p)[rng.nextWeightedIndex(p.weights ?? p.values.map(() => 1))]!;
    case 'discrete':
      return rng.nextInt(p.min, p.max);
  }
}
