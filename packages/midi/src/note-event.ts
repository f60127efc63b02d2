import { InvalidNoteError } from './errors';

/**
 * One note of a render, times in seconds from the start of the rendered signal. Structurally the same
 * as @vstds/vst-host's NoteEvent, so rows' notes go to the host as they are.
 */
export interface NoteEvent {
  /** MIDI note number 0..127. */
  pitch: number;
  /** MIDI velocity 1..127. */
  velocity: number;
  start: number;
  end: number;
}

/** Throws InvalidNoteError naming the note and the field when a note is not playable. */
export function checkNote(note: NoteEvent, where: string): void {
  const bad = (field: string, expected: string, found: unknown) => {
    throw new InvalidNoteError(`${where}: ${field}: expected ${expected}, found ${JSON.stringify(found)}`);
  };
  if (!Number.isInteger(note.pitch) || note.pitch < 0 || note.pitch > 127) bad('pitch', 'an integer MIDI note 0..127', note.pitch);
  if (!Number.isInteger(note.velocity) || note.velocity < 1 || note.velocity > 127) bad('velocity', 'an integer 1..127', note.velocity);
  if (!Number.isFinite(note.start) || note.start < 0) bad('start', 'a finite time >= 0 seconds', note.start);
  if (!Number.isFinite(note.end) || !(note.end > note.start)) bad('end', `a finite time after start (${note.start} s)`, note.end);
}
