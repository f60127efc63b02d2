// @tonejs/midi ships CommonJS only; Node's ESM loader exposes it solely as a default export.
import tonejs from '@tonejs/midi';
import { MidiFileError } from './errors';
import { checkNote, type NoteEvent } from './note-event';

const { Midi } = tonejs;

export interface MidiFileOptions {
  /** Tempo written to the file (default 120); note times in seconds are kept whatever the tempo. */
  bpm?: number;
}

/**
 * A one-track Standard MIDI File (format 1, 480 ticks per quarter) of the notes. Times are quantized to
 * ticks: at 120 bpm one tick is 1/960 s.
 */
export function toMidiFile(notes: readonly NoteEvent[], opts: MidiFileOptions = {}): Uint8Array {
  const bpm = opts.bpm ?? 120;
  if (!(Number.isFinite(bpm) && bpm > 0)) throw new MidiFileError(`bpm: expected a positive tempo, found ${bpm}`);
  const midi = new Midi();
  midi.header.setTempo(bpm);
  const track = midi.addTrack();
  notes.forEach((n, i) => {
    checkNote(n, `notes[${i}]`);
    const ticks = midi.header.secondsToTicks(n.start);
    track.addNote({
      midi: n.pitch,
      ticks,
      durationTicks: Math.max(1, midi.header.secondsToTicks(n.end) - ticks),
      // tonejs stores velocity / 127 and writes floor(v * 127); the half step keeps that exact.
      velocity: (n.velocity + 0.5) / 127,
    });
  });
  return midi.toArray();
}

/** The notes of every track of a Standard MIDI File, in seconds (tempo map applied), sorted by start then pitch. */
export function fromMidiFile(bytes: Uint8Array | ArrayBuffer): NoteEvent[] {
  let midi: InstanceType<typeof Midi>;
  try {
    midi = new Midi(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  } catch (e) {
    throw new MidiFileError(`not a readable Standard MIDI File: ${(e as Error).message}`);
  }
  return midi.tracks
    .flatMap((t) =>
      t.notes.map((n) => ({
        pitch: n.midi,
        velocity: Math.max(1, Math.round(n.velocity * 127)),
        start: n.time,
        end: n.time + n.duration,
      })),
    )
    .sort((a, b) => a.start - b.start || a.pitch - b.pitch);
}
