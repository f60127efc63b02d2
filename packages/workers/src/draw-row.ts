import { notesForSampledRow, type NoteConfig } from '@vstds/midi';
import { type ParamSpec, type SampledRow, sampleRow } from '@vstds/param-spec';
import type { RowJob } from './row-job';

/** What fixes a row's draw besides its key: the seed and how notes are made (see @vstds/midi). */
export interface DrawSettings extends Omit<NoteConfig, 'random'> {
  seed: number;
}

/**
 * The draw function of the re-draw loop: `(id, attempt)` → the row job of `sampleRow(spec, {seed,
 * index: id, attempt})` with its notes. A row's content depends on (spec, settings, id, attempt)
 * only, so any worker, order or rerun draws the same row.
 */
export function rowDraw(spec: ParamSpec, settings: DrawSettings): (id: number, attempt: number) => RowJob {
  const { seed, ...notes } = settings;
  return (id, attempt) => {
    return rowJobOf(spec, sampleRow(spec, { seed, index: id, attempt }), id, attempt, notes);
  };
}

/** The row job of a drawn row (random or preset), with its notes from the spec's note sampling. */
export function rowJobOf(spec: ParamSpec, row: SampledRow, id: number, attempt: number, notes: Omit<DrawSettings, 'seed'>): RowJob {
  return { id, attempt, params: row.synthParams, noteParams: row.noteParams, notes: notesForSampledRow(spec, row, notes), encoded: row.encoded };
}
