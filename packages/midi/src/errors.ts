/** Base class of every error @vstds/midi throws. */
export class MidiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A note configuration (velocity, durations) that cannot produce notes. */
export class NoteConfigError extends MidiError {}

/** A note with an impossible pitch, velocity or timing. */
export class InvalidNoteError extends MidiError {
  readonly code = 'E_NOTE';
}

/** Bytes that are not a readable Standard MIDI File. */
export class MidiFileError extends MidiError {}
