import { loadSpec, rowRandomAfterSpec, sampleRow } from '@vstds/param-spec';
import { describe, expect, it } from 'vitest';
import { NoteConfigError } from './errors';
import { notesForRow, notesForSampledRow } from './notes-for-row';

describe('notesForRow', () => {
  it('uses note_start_and_end and a fixed velocity (default 100)', () => {
    expect(notesForRow({ pitch: 60, note_start_and_end: [0.25, 1.5] }, { signalDurationSeconds: 4 })).toEqual([
      { pitch: 60, velocity: 100, start: 0.25, end: 1.5 },
    ]);
    expect(notesForRow({ pitch: 61, note_start_and_end: [0, 1] }, { signalDurationSeconds: 4, velocity: 77 })[0]!.velocity).toBe(77);
  });

  it('falls back to [0, note_duration_seconds] and clamps to the signal', () => {
    expect(notesForRow({ pitch: 50 }, { signalDurationSeconds: 4, noteDurationSeconds: 3 })).toEqual([{ pitch: 50, velocity: 100, start: 0, end: 3 }]);
    expect(notesForRow({ pitch: 50 }, { signalDurationSeconds: 2, noteDurationSeconds: 3 })[0]!.end).toBe(2);
    expect(notesForRow({ pitch: 50, note_start_and_end: [1, 5] }, { signalDurationSeconds: 4 })[0]!.end).toBe(4);
    expect(notesForRow({ pitch: 50, note_start_and_end: [4.5, 5] }, { signalDurationSeconds: 4 })).toEqual([]);
    expect(notesForRow({ pitch: 50, note_start_and_end: [1, 1] }, { signalDurationSeconds: 4 })).toEqual([]);
  });

  it('takes velocity from the spec\'s velocity parameter over the config', () => {
    expect(notesForRow({ pitch: 40, velocity: 90 }, { signalDurationSeconds: 1, noteDurationSeconds: 1, velocity: [1, 10] })[0]!.velocity).toBe(90);
  });

  it('draws a [lo, hi] velocity as the first output after the spec\'s draws, the same for the same row', () => {
    const spec = loadSpec('mda_jx10');
    const config = { signalDurationSeconds: 4, noteDurationSeconds: 3, velocity: [60, 127] as const };
    const velocities = Array.from({ length: 300 }, (_, index) => {
      const row = sampleRow(spec, { seed: 8, index, attempt: 0 });
      const [note] = notesForSampledRow(spec, row, config);
      expect(notesForSampledRow(spec, row, config)[0]!.velocity).toBe(note!.velocity);
      expect(note!.velocity).toBe(rowRandomAfterSpec(spec, row).nextInt(60, 127));
      return note!.velocity;
    });
    expect(Math.min(...velocities)).toBe(60);
    expect(Math.max(...velocities)).toBe(127);
    expect(new Set(velocities).size).toBeGreaterThan(50);
  });

  it('explains unusable configs', () => {
    expect(() => notesForRow({ pitch: 60 }, { signalDurationSeconds: 4 })).toThrow(/note_duration_seconds: expected a positive number of seconds \(the spec has no note_start_and_end\), found undefined/);
    expect(() => notesForRow({ pitch: 60 }, { signalDurationSeconds: 0, noteDurationSeconds: 1 })).toThrow(NoteConfigError);
    expect(() => notesForRow({ pitch: 60 }, { signalDurationSeconds: 4, noteDurationSeconds: 1, velocity: 128 })).toThrow(/velocity: expected an integer 1..127/);
    expect(() => notesForRow({ pitch: 60 }, { signalDurationSeconds: 4, noteDurationSeconds: 1, velocity: [90, 80] })).toThrow(/found \[90,80\]/);
    expect(() => notesForRow({ pitch: 60 }, { signalDurationSeconds: 4, noteDurationSeconds: 1, velocity: [60, 127] })).toThrow(/needs the row's PRNG/);
  });
});
