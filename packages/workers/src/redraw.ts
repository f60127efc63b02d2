import { Observable, type OperatorFunction, Subject } from 'rxjs';
import { AttemptsExhaustedError } from './errors';
import { ReorderBuffer } from './reorder-buffer';
import type { AcceptedRow, RowJob, RowResult } from './row-job';

export interface RedrawOptions {
  /** The row job of (id, attempt), e.g. rowDraw(spec, settings). */
  draw: (id: number, attempt: number) => RowJob;
  /** Draws per row before AttemptsExhaustedError. */
  maxAttempts: number;
  /** Rows between the oldest not yet emitted and the newest drawn (bounded memory). Default 16. */
  window?: number;
  /** Called for each rejected or faulted draw before the row is drawn again (logs, fault files). */
  onRedraw?: (result: Exclude<RowResult, { kind: 'accepted' }>) => void;
}

/**
 * Row ids in → accepted rows out, in id order. Each id is drawn with attempt 0 and sent through
 * `stage` (e.g. inWorkers(pool)); a rejected or faulted result is drawn again with attempt + 1
 * while the other rows keep flowing; after `maxAttempts` the stream errors with
 * AttemptsExhaustedError naming the row and the reasons.
 *
 *   ids    ─0─1─2──────|
 *   stage  ──0✓─1✗─2✓─1'✓
 *   out    ───0──────1'─2|
 */
export function redraw(stage: OperatorFunction<RowJob, RowResult>, opts: RedrawOptions): OperatorFunction<number, AcceptedRow> {
  return (ids) =>
    new Observable<AcceptedRow>((sub) => {
      const window = opts.window ?? 16;
      const jobs = new Subject<RowJob>();
      const pending: number[] = [];
      const position = new Map<number, number>();
      const reasons = new Map<number, Record<string, number>>();
      const buffer = new ReorderBuffer<AcceptedRow>(0);
      let admitted = 0;
      let emitted = 0;
      let idsDone = false;
      let stopped = false;
      const fail = (e: unknown) => {
        if (stopped) return;
        stopped = true;
        sub.error(e);
      };
      const admit = () => {
        while (!stopped && pending.length > 0 && admitted - emitted < window) {
          const id = pending.shift()!;
          position.set(id, admitted++);
          jobs.next(opts.draw(id, 0));
        }
      };
      const finishIfDone = () => {
        if (stopped || !idsDone || pending.length > 0 || emitted !== admitted) return;
        stopped = true;
        jobs.complete();
        sub.complete();
      };
      const results = jobs.pipe(stage).subscribe({
        next: (r) => {
          if (stopped) return;
          const id = r.job.id;
          if (r.kind === 'accepted') {
            const pos = position.get(id)!;
            position.delete(id);
            reasons.delete(id);
            for (const row of buffer.push(pos, { job: r.job, row: r.row, ms: r.ms })) {
              emitted++;
              sub.next(row);
              if (stopped) return;
            }
            admit();
            finishIfDone();
            return;
          }
          const why = r.kind === 'fault' ? r.fault : r.reason;
          const seen = reasons.get(id) ?? {};
          seen[why] = (seen[why] ?? 0) + 1;
          reasons.set(id, seen);
          opts.onRedraw?.(r);
          if (r.job.attempt + 1 >= opts.maxAttempts) return fail(new AttemptsExhaustedError(id, opts.maxAttempts, seen));
          jobs.next(opts.draw(id, r.job.attempt + 1));
        },
        error: fail,
        complete: () => {
          if (!stopped) fail(new Error('redraw: the stage completed before every row was accepted'));
        },
      });
      const input = ids.subscribe({
        next: (id) => {
          pending.push(id);
          admit();
        },
        error: fail,
        complete: () => {
          idsDone = true;
          finishIfDone();
        },
      });
      return () => {
        stopped = true;
        input.unsubscribe();
        results.unsubscribe();
      };
    });
}
