import type { NoteEvent } from './note-event';

/** A note with its on/off times as sample offsets from the start of the render. */
export interface NoteOffsets {
  pitch: number;
  velocity: number;
  startSample: number;
  endSample: number;
}

/**
 * Seconds to sample offsets by rounding to the nearest sample, floor(t * sampleRate + 0.5). Rounding,
 * not flooring, because times are decimal seconds that float64 cannot hold exactly: 0.7 s * 44100 is
 * 30869.999999999996, which flooring would put one sample early; rounding is off by at most half a
 * sample and lands exactly on any time that is a whole number of samples. endSample is never before
 * startSample.
 */
export function toSampleOffsets(notes: readonly NoteEvent[], sampleRate: number): NoteOffsets[] {
  if (!(Number.isFinite(sampleRate) && sampleRate > 0)) throw new RangeError(`sampleRate: expected a positive number of Hz, found ${sampleRate}`);
  return notes.map((n) => {
    const startSample = secondsToSample(n.start, sampleRate);
    return { pitch: n.pitch, velocity: n.velocity, startSample, endSample: Math.max(startSample, secondsToSample(n.end, sampleRate)) };
  });
}

/** The sample nearest to time t, halves rounding up. */
export function secondsToSample(t: number, sampleRate: number): number {
  return Math.floor(t * sampleRate + 0.5);
}
