import { encode } from './encode';
import { EncodingError } from './errors';
import { nearestRawIndex, rawValues } from './raw-values';
import { type RowKey } from './row-random';
import { sampleRow, type SampledRow } from './sample-row';
import type { ParamSpec, SynthParams } from './spec-types';

/** A preset value the spec cannot represent as it is: recorded with the row, never hidden. */
export interface OutOfSpecValue {
  name: string;
  /** The plugin's normalized value read back from the preset. */
  value: number;
  /** What the spec allows (a range, or the options' raw values). */
  expected: string;
  /** The value the row stores (the nearest option for a categorical; the value itself otherwise). */
  stored: number;
}

export interface PresetRow extends SampledRow {
  outOfSpec: OutOfSpecValue[];
}

const SNAP_TOLERANCE = 1e-6;

/**
 * A dataset row for a real preset: the synth parameters are the plugin's values read back after
 * loading the preset (categoricals snapped to the nearest option), the note parameters are drawn
 * from the row's PRNG exactly where a random row draws them, and both are encoded with the spec.
 */
export function presetRow(spec: ParamSpec, key: RowKey, pluginValues: Readonly<Record<string, number>>): PresetRow {
  const synthParams: SynthParams = {};
  const outOfSpec: OutOfSpecValue[] = [];
  for (const p of spec.synth_params) {
    const value = pluginValues[p.name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new EncodingError(`${spec.name}: ${p.name}: the preset's plugin has no value for this spec parameter (found ${value === undefined ? 'nothing' : String(value)})`);
    }
    switch (p.kind) {
      case 'continuous':
        synthParams[p.name] = value;
        if (value < p.min - SNAP_TOLERANCE || value > p.max + SNAP_TOLERANCE) outOfSpec.push({ name: p.name, value, expected: `${p.min}..${p.max}`, stored: value });
        break;
      case 'categorical': {
        const raws = rawValues(p);
        const stored = raws[nearestRawIndex(raws, value)]!;
        synthParams[p.name] = stored;
        if (Math.abs(stored - value) > SNAP_TOLERANCE) outOfSpec.push({ name: p.name, value, expected: `one of ${raws.join(', ')}`, stored });
        break;
      }
      case 'discrete': {
        const stored = Math.min(p.max, Math.max(p.min, Math.round(value)));
        synthParams[p.name] = stored;
        if (stored !== value) outOfSpec.push({ name: p.name, value, expected: `an integer in ${p.min}..${p.max}`, stored });
        break;
      }
    }
  }
  const drawn = sampleRow(spec, key);
  return { ...drawn, synthParams, encoded: encode(spec, synthParams, drawn.noteParams), outOfSpec };
}
