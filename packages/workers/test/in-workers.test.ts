import { join } from 'node:path';
import { loadSpec } from '@vstds/param-spec';
import { loadPlugin } from '@vstds/vst-host';
import { from, lastValueFrom, of, tap, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AcceptedRow,
  AttemptsExhaustedError,
  defaultStages,
  inWorkers,
  type PipelineEvent,
  redraw,
  type RenderPool,
  type RenderSettings,
  rowDraw,
  startRenderPool,
  WorkerStartError,
} from '../src/index';

const settings: RenderSettings = {
  pluginPath: 'http://drobilla.net/plugins/mda/JX10',
  presetPath: null,
  sampleRate: 44100,
  blockSize: 512,
  channels: 2,
  seconds: 1,
  minLoudness: -55,
};
const spec = loadSpec('mda_jx10');
const draw = rowDraw(spec, { seed: 3, signalDurationSeconds: 1, noteDurationSeconds: 0.5, velocity: 100 });

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

let pools: RenderPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});
async function pool(extra: Partial<Parameters<typeof startRenderPool>[0]> = {}): Promise<{ pool: RenderPool; events: PipelineEvent[] }> {
  const events: PipelineEvent[] = [];
  const p = await startRenderPool({ settings, spec, workers: 2, timeoutMs: 60_000, onEvent: (e) => events.push(e), ...extra });
  pools.push(p);
  return { pool: p, events };
}

describe('inWorkers + redraw on a real plugin', () => {
  it('emits accepted rows in id order within the window, byte-identical to the same stages in-process', async () => {
    const { pool: p, events } = await pool();
    // Bounded memory: rows drawn (first attempts started) minus rows emitted never exceeds the window.
    const startedIds = new Set<number>();
    let emitted = 0;
    let maxAhead = 0;
    p.events.subscribe((e) => {
      if (e.type !== 'started') return;
      startedIds.add(e.id);
      maxAhead = Math.max(maxAhead, startedIds.size - emitted);
    });
    const rows = await lastValueFrom(
      from([5, 0, 1, 2, 3, 4, 6, 7, 8, 9]).pipe(
        redraw(inWorkers(p), { draw, maxAttempts: 50, window: 3 }),
        tap(() => emitted++),
        toArray(),
      ),
    );
    expect(rows.map((r) => r.job.id)).toEqual([5, 0, 1, 2, 3, 4, 6, 7, 8, 9]);
    expect(maxAhead).toBeLessThanOrEqual(3);
    expect(maxAhead).toBeGreaterThanOrEqual(2); // and it does run rows in parallel
    expect(events.filter((e) => e.type === 'worker-start')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'row-done')).toHaveLength(10);

    // The same stages in this process give the same bytes: nothing is lost or changed in transit.
    const plugin = await loadPlugin(settings.pluginPath, { sampleRate: settings.sampleRate, blockSize: settings.blockSize });
    try {
      for (const r of rows.slice(0, 3)) {
        const local = await lastValueFrom(of(draw(r.job.id, r.job.attempt)).pipe(defaultStages({ plugin, renderer: plugin, settings })));
        expect(local.kind).toBe('accepted');
        if (local.kind !== 'accepted') continue;
        expect(bytes(r.row.audio).equals(bytes(local.audio))).toBe(true);
        expect(bytes(r.row.mel).equals(bytes(local.mel))).toBe(true);
        expect(r.row.audio.length).toBe(2 * 44100);
      }
    } finally {
      plugin.close();
    }
  });

  it("with recycleArrays, a released row's memory carries a later row, whose bytes are its own", async () => {
    const { pool: p } = await pool({ workers: 1 });
    const copies: Buffer[] = [];
    const buffers: ArrayBufferLike[] = [];
    const rows = await lastValueFrom(
      from([0, 1, 2, 3]).pipe(
        redraw(inWorkers(p, { recycleArrays: true }), { draw, maxAttempts: 50 }),
        tap((r) => {
          copies.push(Buffer.from(bytes(r.row.audio)));
          buffers.push(r.row.audio.buffer);
          expect(r.row.mel.buffer).toBe(r.row.audio.buffer);
          r.row.release!();
          r.row.release!(); // a second call gives nothing back twice
        }),
        toArray(),
      ),
    );
    // Rows run one after another on one worker: after the first two, answers land in given-back memory.
    expect(new Set(buffers).size).toBeLessThan(buffers.length);
    expect(new Set(copies.map((c) => c.toString('hex'))).size).toBe(4);
    // Without the option rows own their arrays: no release.
    const own = await lastValueFrom(from([0]).pipe(redraw(inWorkers(p), { draw, maxAttempts: 50 }), toArray()));
    expect(own[0]!.row.release).toBeUndefined();
    expect(bytes(own[0]!.row.audio).equals(copies[0]!)).toBe(true);
    expect(rows).toHaveLength(4);
  });

  it('a row that kills its worker twice comes back as a fault and is re-drawn; dropped rows are re-drawn too', async () => {
    const { pool: p, events } = await pool({ stageModule: join(__dirname, 'fixtures/crash-and-filter-stages.mjs') });
    const redrawn: string[] = [];
    const rows: AcceptedRow[] = await lastValueFrom(
      from([0, 1, 2, 3, 4, 5]).pipe(
        redraw(inWorkers(p), { draw, maxAttempts: 50, onRedraw: (r) => redrawn.push(`${r.job.id}:${r.kind === 'fault' ? r.fault : r.reason}`) }),
        toArray(),
      ),
    );
    expect(rows.map((r) => r.job.id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.every((r) => r.job.noteParams.pitch >= 48)).toBe(true);
    const row3 = rows.find((r) => r.job.id === 3)!;
    expect(row3.job.attempt).toBeGreaterThan(0);
    expect(redrawn).toContain('3:crash');
    const crashes = events.filter((e) => e.type === 'crash' && e.id === 3 && e.attempt === 0).map((e) => (e as { outcome: string }).outcome);
    expect(crashes).toEqual(['retry', 'fault']);
    expect(events.some((e) => e.type === 'fault' && e.id === 3)).toBe(true);
    expect(p.stats.crashes).toBe(2);
    // Every re-draw other than row 3's crash was a dropped (low) note.
    expect(redrawn.filter((r) => r !== '3:crash').every((r) => r.endsWith(':filtered'))).toBe(true);
  });

  it('a row never accepted ends the stream with AttemptsExhaustedError naming the row', async () => {
    const { pool: p } = await pool({ settings: { ...settings, minLoudness: 10 }, workers: 1 });
    const err = await lastValueFrom(of(7).pipe(redraw(inWorkers(p), { draw, maxAttempts: 3 }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AttemptsExhaustedError);
    expect((err as Error).message).toMatch(/^row 7: no acceptable render in 3 attempts \(quiet ×3\)/);
  });

  it("a worker's init error keeps its class name and code across the process boundary", async () => {
    const bad = { ...spec, synth_params: [{ ...spec.synth_params[0]!, name: 'no_such_parameter' }] };
    const err = await startRenderPool({ settings, spec: bad, workers: 1, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerStartError);
    expect((err as WorkerStartError).cause?.name).toBe('PluginMismatchError');
    expect((err as WorkerStartError).message).toMatch(/^PluginMismatchError: [^]*no_such_parameter: not a parameter of the plugin/);
  });
});
