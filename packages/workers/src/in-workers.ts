import { Observable, type OperatorFunction } from 'rxjs';
import { JobFaultError } from './errors';
import type { RenderPool } from './render-pool';
import { ReorderBuffer } from './reorder-buffer';
import type { ReceivedRowData, RowJob, RowResult, StageOutput } from './row-job';

export interface InWorkersOptions {
  /**
   * Rows between the oldest not yet emitted and the newest started (bounded memory while one slow
   * row holds the others back). Default: 8 per worker.
   */
  window?: number;
  /**
   * Give each accepted row a `release` that hands its arrays' memory back to the pool for the next
   * answers. Only for a consumer that calls it once it has copied the arrays and keeps no view of
   * them (hdf5-chunks' writer does, after each flush); default false: rows own their arrays.
   */
  recycleArrays?: boolean;
}

/**
 * Runs each row job on the pool's worker processes and emits one result per job, in input order:
 * the stages' answer (accepted arrays or a rejection), or — when the row killed two processes — a
 * `fault` value (a re-draw operator turns it into attempt + 1). Reports `started`, `row-done`,
 * `rejected` and `fault` on `pool.events` as rows finish. Errors thrown by the stages (with their
 * class name and code) error the stream.
 *
 *   jobs ─a─b─c──────|        pool: b finishes first
 *   out  ──────A─B─C─|
 */
export function inWorkers(pool: RenderPool, opts: InWorkersOptions = {}): OperatorFunction<RowJob, RowResult> {
  return (source) =>
    new Observable<RowResult>((sub) => {
      const window = opts.window ?? pool.size * 8;
      const release = opts.recycleArrays ? (b: ArrayBufferLike) => pool.recycle(b) : undefined;
      const waiting: RowJob[] = [];
      const buffer = new ReorderBuffer<RowResult>(0);
      let started = 0;
      let emitted = 0;
      let sourceDone = false;
      let stopped = false;
      const finishIfDone = () => {
        if (!stopped && sourceDone && waiting.length === 0 && emitted === started) {
          stopped = true;
          sub.complete();
        }
      };
      const settle = (pos: number, r: RowResult) => {
        if (stopped) return;
        const ref = { id: r.job.id, attempt: r.job.attempt };
        if (r.kind === 'accepted') pool.emit({ type: 'row-done', ...ref, ms: r.ms });
        else if (r.kind === 'rejected') pool.emit({ type: 'rejected', ...ref, reason: r.reason, detail: r.detail, ms: r.ms });
        else pool.emit({ type: 'fault', ...ref, kind: r.fault, detail: r.detail });
        for (const out of buffer.push(pos, r)) {
          emitted++;
          sub.next(out);
          if (stopped) return;
        }
        pump();
        finishIfDone();
      };
      const pump = () => {
        while (!stopped && waiting.length > 0 && started - emitted < window) {
          const job = waiting.shift()!;
          const pos = started++;
          pool.emit({ type: 'started', id: job.id, attempt: job.attempt });
          pool.run({ ...job, kind: 'row' }).then(
            (out) => settle(pos, toResult(job, out as StageOutput, release)),
            (e: unknown) => {
              if (e instanceof JobFaultError) return settle(pos, { kind: 'fault', job, fault: e.kind, detail: e.detail });
              if (stopped) return;
              stopped = true;
              sub.error(e);
            },
          );
        }
      };
      const input = source.subscribe({
        next: (job) => {
          waiting.push(job);
          pump();
        },
        error: (e: unknown) => {
          if (stopped) return;
          stopped = true;
          sub.error(e);
        },
        complete: () => {
          sourceDone = true;
          finishIfDone();
        },
      });
      return () => {
        stopped = true;
        input.unsubscribe();
      };
    });
}

function toResult(job: RowJob, out: StageOutput, release?: (buffer: ArrayBufferLike) => void): RowResult {
  if (out.kind === 'rejected') return { kind: 'rejected', job, reason: out.reason, detail: out.detail, ms: out.ms };
  const row: ReceivedRowData = { audio: out.audio, mel: out.mel, loudness: out.loudness, peak: out.peak };
  if (release) {
    // audio and mel are views of one answer frame; a set keeps a second call from giving it twice.
    const buffers = new Set([out.audio.buffer, out.mel.buffer]);
    row.release = () => {
      for (const b of buffers) release(b);
      buffers.clear();
    };
  }
  return { kind: 'accepted', job, row, ms: out.ms };
}
