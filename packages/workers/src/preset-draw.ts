import { join } from 'node:path';
import { type ParamSpec, presetRow } from '@vstds/param-spec';
import { type DrawSettings, rowJobOf } from './draw-row';
import { presetOfRow, type PresetTable } from './preset-table';
import type { RowJob } from './row-job';

/**
 * The draw function of a preset dataset: row `id` is the table's preset `id % presets` (its
 * values read back in the load check, encoded with param-spec presetRow) with notes from the
 * spec's note sampling on the row PRNG `(seed, id, attempt)`, so a re-drawn row keeps its preset
 * and gets new notes. `dir` is the preset folder the table's file names are relative to.
 */
export function presetDraw(spec: ParamSpec, settings: DrawSettings, dir: string, table: PresetTable): (id: number, attempt: number) => RowJob {
  const { seed, ...notes } = settings;
  return (id, attempt) => {
    const preset = presetOfRow(table, id);
    const row = presetRow(spec, { seed, index: id, attempt }, preset.values);
    return { ...rowJobOf(spec, row, id, attempt, notes), preset: { path: join(dir, preset.file), file: preset.file, sha256: preset.sha256 } };
  };
}
