import { notesForSampledRow } from '@vstds/midi';
import type { NoteParams, ParamSpec, RowKey } from '@vstds/param-spec';
import type { GenerateConfig } from './config-schema';
import type { NoteEventData } from './render-job';

/**
 * The notes of one row (@vstds/midi): pitch from the row; velocity from the spec, else fixed or
 * drawn from the row's PRNG right after the spec's draws; timing from note_start_and_end when the
 * spec has it, else [0, note_duration_seconds]; clamped to the signal.
 */
export function rowNotes(spec: ParamSpec, key: RowKey, noteParams: NoteParams, config: GenerateConfig): NoteEventData[] {
  return notesForSampledRow(
    spec,
    { seed: key.seed, index: key.index, attempt: key.attempt, noteParams },
    {
      signalDurationSeconds: config.signal_duration_seconds,
      noteDurationSeconds: config.note_duration_seconds,
      velocity: config.velocity,
    },
  );
}
