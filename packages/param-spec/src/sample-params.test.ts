import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from './load-spec';
import { sampleParams } from './sample-params';
import { sampleRow } from './sample-row';

describe('sampleParams operator', () => {
  it('maps indices and {index, attempt} requests to the rows sampleRow gives', async () => {
    const spec = loadSpec('mda_jx10');
    const rows = await lastValueFrom(from([3, { index: 3, attempt: 1 }, 0]).pipe(sampleParams(spec, { seed: 11 }), toArray()));
    expect(rows.map((r) => [r.index, r.attempt])).toEqual([[3, 0], [3, 1], [0, 0]]);
    expect(rows[0]).toEqual(sampleRow(spec, { seed: 11, index: 3, attempt: 0 }));
    expect(rows[1]).toEqual(sampleRow(spec, { seed: 11, index: 3, attempt: 1 }));
    expect(rows[0]!.encoded).not.toEqual(rows[1]!.encoded);
    expect(rows[2]!.encoded).toHaveLength(25);
  });
});
