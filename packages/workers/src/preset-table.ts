import type { OutOfSpecValue } from '@vstds/param-spec';

/** A preset that loaded in the load check: what the plugin read back from it. */
export interface LoadablePreset {
  /** File name relative to the preset folder. */
  file: string;
  sha256: string;
  /** Every listed parameter's normalized value after loading it, by key. */
  values: Record<string, number>;
  /** Spec parameters whose value the spec cannot hold as it is (see param-spec presetRow). */
  outOfSpec: OutOfSpecValue[];
}

/** A preset that did not load (or crashed the plugin twice): left out of the rows. */
export interface SkippedPreset {
  file: string;
  /** Empty when the file could not be read. */
  sha256: string;
  /** The error's stable code (e.g. E_PRESET_MISMATCH, JOB_CRASHED) and its message. */
  code: string;
  message: string;
}

/**
 * The preset folder as a dataset uses it, fixed when the dataset is started: row i renders
 * `presets[i % presets.length]`, whatever workers, order or resumes (plain JSON data).
 */
export interface PresetTable {
  presets: LoadablePreset[];
  skipped: SkippedPreset[];
}

/** The preset of row `id`. */
export function presetOfRow(table: PresetTable, id: number): LoadablePreset {
  return table.presets[id % table.presets.length]!;
}
