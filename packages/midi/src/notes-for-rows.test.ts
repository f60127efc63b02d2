import { from, lastValueFrom, toArray } from 'rxjs';
import { loadSpec, sampleParams } from '@vstds/param-spec';
import { describe, expect, it } from 'vitest';
import { notesForRows } from './notes-for-rows';
import { notesForSampledRow } from './notes-for-row';

describe('notesForRows operator', () => {
  it('adds each row\'s notes, keeping the row', async () => {
    const spec = loadSpec('nekobi');
    const config = { signalDurationSeconds: 2, noteDurationSeconds: 1.5 };
    const rows = await lastValueFrom(from([0, 1, 2]).pipe(sampleParams(spec, { seed: 3 }), notesForRows(spec, config), toArray()));
    rows.forEach((row) => {
      expect(row.notes).toEqual([{ pitch: row.noteParams.pitch, velocity: row.noteParams.velocity, start: 0, end: 1.5 }]);
      expect(row.notes).toEqual(notesForSampledRow(spec, row, config));
    });
  });
});
