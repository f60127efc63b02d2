import { rowRandomAfterSpec, type NoteParams, type ParamSpec, type RowKey, type RowRng } from '@vstds/param-spec';
import { NoteConfigError } from './errors';
import type { NoteEvent } from './note-event';

export interface NoteConfig {
  /** Length of the rendered signal; notes are clamped to it. */
  signalDurationSeconds: number;
  /** Note-off time when the spec has no note_start_and_end (the note starts at 0). */
  noteDurationSeconds?: number;
  /** Fixed velocity (default 100) or an inclusive [lo, hi] range sampled from the row's PRNG. */
  velocity?: number | readonly [number, number];
  /**
   * The row's stream after the spec's draws (param-spec's rowRandomAfterSpec); required when velocity
   * is a range. Its first output is the velocity.
   */
  random?: RowRng;
}

/**
 * The notes of one row: pitch from the row; velocity from the row's `velocity` parameter when the spec
 * has one, else the config's (fixed, or drawn as the first output after the spec's draws); timing from
 * note_start_and_end when present, else [0, noteDurationSeconds]. Times are clamped to the signal; a
 * note that would start at or after its end is dropped (the row then has no notes).
 */
export function notesForRow(noteParams: NoteParams, config: NoteConfig): NoteEvent[] {
  const { signalDurationSeconds: total } = config;
  if (!(Number.isFinite(total) && total > 0)) throw new NoteConfigError(`signal_duration_seconds: expected a positive number of seconds, found ${total}`);
  const velocity = noteParams.velocity ?? pickVelocity(config);
  let start: number;
  let end: number;
  if (noteParams.note_start_and_end) {
    [start, end] = noteParams.note_start_and_end;
  } else {
    const d = config.noteDurationSeconds;
    if (d === undefined || !(Number.isFinite(d) && d > 0)) {
      throw new NoteConfigError(`note_duration_seconds: expected a positive number of seconds (the spec has no note_start_and_end), found ${d}`);
    }
    [start, end] = [0, d];
  }
  start = Math.min(Math.max(start, 0), total);
  end = Math.min(Math.max(end, 0), total);
  return end > start ? [{ pitch: noteParams.pitch, velocity, start, end }] : [];
}

/** notesForRow for a sampled row of `spec`, wiring the row's own PRNG for a sampled velocity. */
export function notesForSampledRow(spec: ParamSpec, row: RowKey & { noteParams: NoteParams }, config: Omit<NoteConfig, 'random'>): NoteEvent[] {
  const sampled = Array.isArray(config.velocity) && row.noteParams.velocity === undefined;
  return notesForRow(row.noteParams, sampled ? { ...config, random: rowRandomAfterSpec(spec, row) } : config);
}

function pickVelocity(config: NoteConfig): number {
  const v = config.velocity ?? 100;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > 127) throw new NoteConfigError(`velocity: expected an integer 1..127 or [lo, hi], found ${JSON.stringify(v)}`);
    return v;
  }
  const [lo, hi] = v;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi > 127 || lo > hi) {
    throw new NoteConfigError(`velocity: expected [lo, hi] with integers 1 <= lo <= hi <= 127, found ${JSON.stringify(v)}`);
  }
  if (!config.random) throw new NoteConfigError('velocity: a [lo, hi] range needs the row\'s PRNG (config.random = rowRandomAfterSpec(spec, row)), found none');
  return config.random.nextInt(lo, hi);
}
