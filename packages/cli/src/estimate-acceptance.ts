import { judgeLoudness } from '@vstds/dsp-mel';
import { notesForSampledRow } from '@vstds/midi';
import { sampleRow, type ParamSpec } from '@vstds/param-spec';
import type { Plugin } from '@vstds/vst-host';

export interface AcceptanceOptions {
  rows: number;
  minLoudness: number;
  signalSeconds: number;
  noteSeconds: number;
  velocity: number;
  seed: number;
}

/**
 * The share of rows of `spec` the loudness gate would accept, measured the way `generate` makes
 * rows (same sampling, notes and gate) on `rows` probe rows of a seed no dataset uses by default.
 */
export async function estimateAcceptance(plugin: Plugin, spec: ParamSpec, opts: AcceptanceOptions): Promise<number> {
  let accepted = 0;
  for (let index = 0; index < opts.rows; index++) {
    const row = sampleRow(spec, { seed: opts.seed, index, attempt: 0 });
    const notes = notesForSampledRow(spec, row, {
      signalDurationSeconds: opts.signalSeconds,
      noteDurationSeconds: opts.noteSeconds,
      velocity: opts.velocity,
    });
    const audio = await plugin.render({ params: row.synthParams, notes, seconds: opts.signalSeconds });
    const verdict = judgeLoudness({ channels: audio.channels, sampleRate: audio.sampleRate }, { minLoudness: opts.minLoudness });
    if (verdict.accepted) accepted++;
  }
  return opts.rows > 0 ? accepted / opts.rows : 0;
}
