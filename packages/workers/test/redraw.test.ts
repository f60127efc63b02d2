import type { NoteParams } from '@vstds/param-spec';
import { delay, from, lastValueFrom, mergeMap, of, type OperatorFunction, throwError, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { adaptChannels, AttemptsExhaustedError, redraw, ReorderBuffer, type RowJob, type RowResult } from '../src/index';

const draw = (id: number, attempt: number): RowJob => ({
  id,
  attempt,
  params: { x: id + attempt / 10 },
  noteParams: { pitch: 60 } as NoteParams,
  notes: [],
  encoded: new Float32Array(0),
});

/** An in-process stage finishing rows out of order; (id, attempt) with (id + attempt) % 3 === 0 and attempt < 2 is rejected, id 4's first draw is a fault. */
function scrambledStage(onStart: (job: RowJob) => void): OperatorFunction<RowJob, RowResult> {
  return mergeMap((job) => {
    onStart(job);
    const ms = {};
    const r: RowResult =
      job.id === 4 && job.attempt === 0
        ? { kind: 'fault', job, fault: 'crash', detail: 'signal SIGSEGV' }
        : (job.id + job.attempt) % 3 === 0 && job.attempt < 2
          ? { kind: 'rejected', job, reason: 'quiet', detail: 'too quiet', ms }
          : { kind: 'accepted', job, row: { audio: new Uint16Array(1), mel: new Float32Array(1) }, ms };
    return of(r).pipe(delay((job.id * 7919 + job.attempt * 31) % 13));
  });
}

describe('redraw', () => {
  it('emits every id once, in input order, each at its first acceptable attempt, within the window', async () => {
    let emitted = 0;
    const drawn = new Set<number>();
    let maxAhead = 0;
    const redrawn: string[] = [];
    const ids = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22];
    const out = await lastValueFrom(
      from(ids).pipe(
        redraw(
          scrambledStage((job) => {
            drawn.add(job.id);
            maxAhead = Math.max(maxAhead, drawn.size - emitted);
          }),
          { draw, maxAttempts: 5, window: 4, onRedraw: (r) => redrawn.push(`${r.job.id}/${r.job.attempt}:${r.kind}`) },
        ),
        mergeMap((r) => {
          emitted++;
          return of(r);
        }),
        toArray(),
      ),
    );
    expect(out.map((r) => r.job.id)).toEqual(ids);
    const expectedAttempt = (id: number) => {
      for (let a = 0; ; a++) if (!(id === 4 && a === 0) && !((id + a) % 3 === 0 && a < 2)) return a;
    };
    expect(out.map((r) => r.job.attempt)).toEqual(ids.map(expectedAttempt));
    expect(redrawn).toContain('4/0:fault');
    expect(redrawn).toContain('0/0:rejected');
    expect(maxAhead).toBeLessThanOrEqual(4);
    expect(maxAhead).toBeGreaterThan(1);
  });

  it('fails with AttemptsExhaustedError after maxAttempts rejections of one row', async () => {
    const silent: OperatorFunction<RowJob, RowResult> = mergeMap((job) => of<RowResult>({ kind: 'rejected', job, reason: 'quiet', detail: '', ms: {} }));
    const err = await lastValueFrom(of(3).pipe(redraw(silent, { draw, maxAttempts: 2 }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AttemptsExhaustedError);
    expect(err).toMatchObject({ code: 'ATTEMPTS_EXHAUSTED', globalId: 3, reasons: { quiet: 2 } });
  });

  it("passes the stage's error on", async () => {
    const failing: OperatorFunction<RowJob, RowResult> = mergeMap(() => throwError(() => new Error('stage broke')));
    await expect(lastValueFrom(of(1, 2).pipe(redraw(failing, { draw, maxAttempts: 3 })))).rejects.toThrow('stage broke');
  });

  it('completes at once with no ids', async () => {
    expect(await lastValueFrom(from([]).pipe(redraw(scrambledStage(() => {}), { draw, maxAttempts: 3 }), toArray()))).toEqual([]);
  });
});

describe('adaptChannels', () => {
  const l = Float32Array.of(1, 0.5, -1);
  const r = Float32Array.of(0, 0.5, 1);
  it('duplicates mono for 2 channels, averages stereo for 1, drops extra outputs', () => {
    expect(adaptChannels([l], 2)).toEqual([l, l]);
    expect([...adaptChannels([l, r], 1)[0]!]).toEqual([0.5, 0.5, 0]);
    expect(adaptChannels([l, r, l], 2)).toEqual([l, r]);
    expect(adaptChannels([l], 1)).toEqual([l]);
    expect(() => adaptChannels([], 2)).toThrow(/no output channels/);
  });
});

describe('ReorderBuffer', () => {
  it('releases rows in id order only', () => {
    const b = new ReorderBuffer<string>(0);
    expect(b.push(2, 'c')).toEqual([]);
    expect(b.push(1, 'b')).toEqual([]);
    expect(b.push(0, 'a')).toEqual(['a', 'b', 'c']);
    expect(b.expected).toBe(3);
    expect(() => b.push(1, 'again')).toThrow(/already delivered/);
  });
});
