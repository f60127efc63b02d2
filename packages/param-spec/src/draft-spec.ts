import type { PluginParameterInfo } from './plugin-parameter';
import type { NoteParam, ParamSpec, SynthParam } from './spec-types';

export interface DraftSpecOptions {
  name?: string;
  /** Pitch range of the drafted spec; default [48, 72]. */
  pitch?: [number, number];
  /** Add a note_start_and_end parameter with this max_seconds; default none (timing from the run config). */
  noteMaxSeconds?: number;
}

/**
 * A starting point for a plugin's spec (`vstds spec init`): continuous 0..1 for stepCount 0, categorical
 * for stepped parameters with their value strings and the normalized position i / stepCount of each step.
 * Meant to be edited: ranges, weights and which parameters to keep are musical decisions.
 */
export function draftSpecFromPlugin(parameters: readonly PluginParameterInfo[], opts: DraftSpecOptions = {}): ParamSpec {
  const synth_params: SynthParam[] = parameters.map((p) => {
    if (p.stepCount <= 0) return { kind: 'continuous', name: p.key, min: 0, max: 1 };
    const n = p.stepCount + 1;
    const labels = p.valueStrings?.length === n ? [...p.valueStrings] : Array.from({ length: n }, (_, i) => String(i));
    return {
      kind: 'categorical',
      name: p.key,
      values: labels,
      raw_values: labels.map((_, i) => i / p.stepCount),
      encoding: 'onehot',
    };
  });
  const [lo, hi] = opts.pitch ?? [48, 72];
  const note_params: NoteParam[] = [{ kind: 'discrete', name: 'pitch', min: lo, max: hi, encoding: 'scalar' }];
  if (opts.noteMaxSeconds !== undefined) note_params.push({ kind: 'note_start_and_end', name: 'note_start_and_end', max_seconds: opts.noteMaxSeconds });
  return { name: opts.name ?? 'draft', synth_params, note_params };
}
