export { InvalidNoteError, MidiError, MidiFileError, NoteConfigError } from './errors';
export { checkNote, type NoteEvent } from './note-event';
export { notesForRow, notesForSampledRow, type NoteConfig } from './notes-for-row';
export { notesForRows, type RowWithNotes } from './notes-for-rows';
export { secondsToSample, toSampleOffsets, type NoteOffsets } from './sample-offsets';
export { fromMidiFile, toMidiFile, type MidiFileOptions } from './midi-file';
