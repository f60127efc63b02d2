import type { MissingChunk } from '@vstds/hdf5-chunks';
import { Observable } from 'rxjs';
import { ReorderBuffer } from './reorder-buffer';

/**
 * Produces the rows of the missing chunks with at most `window` rows between the oldest unwritten
 * row and the newest started one, and emits them in global-id order.
 */
export function orderedRows<T>(missing: MissingChunk[], produce: (id: number) => Promise<T>, window: number): Observable<T> {
  return new Observable<T>((sub) => {
    const ids: number[] = [];
    for (const c of missing) for (let i = 0; i < c.num_samples; i++) ids.push(c.first_global_id + i);
    const buffer = new ReorderBuffer<T>(0);
    let next = 0;
    let emitted = 0;
    let stopped = false;
    const pump = (): void => {
      while (!stopped && next < ids.length && next - emitted < window) {
        const pos = next++;
        produce(ids[pos]!).then(
          (row) => {
            if (stopped) return;
            for (const r of buffer.push(pos, row)) {
              emitted++;
              sub.next(r);
              if (stopped) return;
            }
            if (emitted === ids.length) sub.complete();
            else pump();
          },
          (err: unknown) => {
            if (stopped) return;
            stopped = true;
            sub.error(err);
          },
        );
      }
    };
    if (ids.length === 0) sub.complete();
    else pump();
    return () => {
      stopped = true;
    };
  });
}
