import { join, resolve } from 'node:path';
import { loadSpec } from '@vstds/param-spec';
import { from, lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { type AcceptedRow, inWorkers, type PipelineEvent, redraw, type RenderPool, type RenderSettings, rowDraw, startRenderPool, toChunkRow } from '../src/index';

// Level checks on Calf Monosynth, whose drafted spec renders peaks far over full scale.
const spec = loadSpec(join(resolve(__dirname, '../../..'), 'tools/fixtures/level/calf_monosynth.yaml'));
const base: RenderSettings = {
  pluginPath: 'http://calf.sourceforge.net/plugins/Monosynth',
  presetPath: null, sampleRate: 44100, blockSize: 512, channels: 2, seconds: 1, minLoudness: -55,
};
const draw = rowDraw(spec, { seed: 11, signalDurationSeconds: 1, noteDurationSeconds: 0.5 });

let pools: RenderPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});
async function rows(settings: RenderSettings, n: number): Promise<{ rows: AcceptedRow[]; events: PipelineEvent[] }> {
  const events: PipelineEvent[] = [];
  const pool = await startRenderPool({ settings, spec, workers: 2, timeoutMs: 120_000, onEvent: (e) => events.push(e) });
  pools.push(pool);
  const out = await lastValueFrom(from(Array.from({ length: n }, (_, i) => i)).pipe(redraw(inWorkers(pool), { draw, maxAttempts: 60 }), toArray()));
  return { rows: out, events };
}

describe('peakRows on Calf Monosynth', () => {
  it('keep (the default) stores every accepted row with its peak, rows over full scale included', async () => {
    const { rows: kept, events } = await rows(base, 12);
    const peaks = kept.map((r) => r.row.peak!);
    expect(peaks.every((p) => Number.isFinite(p) && p > 0)).toBe(true);
    expect(peaks.some((p) => p > 1)).toBe(true);
    expect(events.some((e) => e.type === 'rejected' && e.reason === 'clipped')).toBe(false);
    // The peak goes to storage with the row, measured before float16.
    expect(toChunkRow(kept[0]!).peak).toBe(kept[0]!.row.peak);
    console.log(`calf monosynth, keep: ${peaks.filter((p) => p > 1).length}/12 rows over full scale, max peak ${Math.max(...peaks).toFixed(2)}`);
  });

  it("reject re-draws rows above max_peak with reason 'clipped' and keeps only rows at or below it", async () => {
    const { rows: kept, events } = await rows({ ...base, maxPeak: 1.0, clipPolicy: 'reject' }, 12);
    expect(kept.map((r) => r.job.id)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(kept.every((r) => r.row.peak! <= 1.0)).toBe(true);
    const clipped = events.filter((e) => e.type === 'rejected' && e.reason === 'clipped');
    expect(clipped.length).toBeGreaterThan(0);
    expect(clipped[0]).toMatchObject({ detail: expect.stringMatching(/^peak \d+\.\d{4} > max_peak 1$/) });
  });
});
