import { map, type OperatorFunction } from 'rxjs';
import type { ParamSpec, SampledRow } from '@vstds/param-spec';
import type { NoteEvent } from './note-event';
import { notesForSampledRow, type NoteConfig } from './notes-for-row';

export type RowWithNotes<R extends SampledRow = SampledRow> = R & { notes: NoteEvent[] };

/** RxJS operator: sampled rows → the same rows with their notes (see notesForRow). */
export function notesForRows<R extends SampledRow>(spec: ParamSpec, config: Omit<NoteConfig, 'random'>): OperatorFunction<R, RowWithNotes<R>> {
  return map((row) => ({ ...row, notes: notesForSampledRow(spec, row, config) }));
}
