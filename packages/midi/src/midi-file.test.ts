import { describe, expect, it } from 'vitest';
import { InvalidNoteError, MidiFileError } from './errors';
import { fromMidiFile, toMidiFile } from './midi-file';
import type { NoteEvent } from './note-event';

/** A format-0 SMF built byte by byte (not by tonejs): 480 ppq, tempo 500000 µs/quarter (120 bpm),
 *  then a tempo change to 60 bpm at tick 960; note 64 vel 90 on at tick 480 (0.5 s), off at tick 1440
 *  (1.0 s + 480 ticks at 1 s per quarter = 2.0 s). */
function handMadeSmf(): Uint8Array {
  const track = [
    0x00, 0xff, 0x51, 0x03, 0x07, 0xa1, 0x20, // tempo 500000
    0x83, 0x60, 0x90, 64, 90, // +480: note on
    0x83, 0x60, 0xff, 0x51, 0x03, 0x0f, 0x42, 0x40, // +480 (tick 960): tempo 1000000
    0x83, 0x60, 0x80, 64, 0, // +480 (tick 1440): note off
    0x00, 0xff, 0x2f, 0x00,
  ];
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0x01, 0xe0];
  const len = track.length;
  return Uint8Array.from([...header, 0x4d, 0x54, 0x72, 0x6b, 0, 0, len >> 8, len & 0xff, ...track]);
}

describe('MIDI files', () => {
  it('reads notes from a hand-made file, applying its tempo map', () => {
    expect(fromMidiFile(handMadeSmf())).toEqual([{ pitch: 64, velocity: 90, start: 0.5, end: 2.0 }]);
  });

  // Tempo is stored as whole microseconds per quarter, so at 97 bpm times may drift past half a tick.
  it('round-trips notes to within one tick, velocities exactly', () => {
    const notes: NoteEvent[] = Array.from({ length: 127 }, (_, i) => ({ pitch: i % 128, velocity: i + 1, start: i * 0.0317, end: i * 0.0317 + 0.2 + (i % 5) * 0.013 }));
    for (const bpm of [120, 97]) {
      const bytes = toMidiFile(notes, { bpm });
      expect(String.fromCharCode(...bytes.slice(0, 4))).toBe('MThd');
      const back = fromMidiFile(bytes);
      expect(back).toHaveLength(notes.length);
      const tick = 60 / bpm / 480;
      back.forEach((n, i) => {
        expect(n.pitch).toBe(notes[i]!.pitch);
        expect(n.velocity).toBe(notes[i]!.velocity);
        expect(Math.abs(n.start - notes[i]!.start)).toBeLessThanOrEqual(tick);
        expect(Math.abs(n.end - notes[i]!.end)).toBeLessThanOrEqual(tick);
      });
    }
  });

  it('rejects unplayable notes and unreadable bytes', () => {
    expect(() => toMidiFile([{ pitch: 60, velocity: 0, start: 0, end: 1 }])).toThrow(InvalidNoteError);
    expect(() => toMidiFile([{ pitch: 60, velocity: 100, start: 1, end: 1 }])).toThrow(/notes\[0\]: end: expected a finite time after start \(1 s\), found 1/);
    expect(() => fromMidiFile(new TextEncoder().encode('not midi at all'))).toThrow(MidiFileError);
  });
});
