import { concatMap, map, type OperatorFunction, of } from 'rxjs';

/**
 * Runs `stage` one row at a time and adds the time it took to the row's `ms[key]` (the run
 * summary's per-stage cost). Works for synchronous and asynchronous stages alike.
 */
export function timed<T, R extends { ms: Record<string, number> }>(key: string, stage: OperatorFunction<T, R>): OperatorFunction<T, R> {
  return concatMap((item) => {
    const t = performance.now();
    return of(item).pipe(
      stage,
      map((out) => {
        out.ms[key] = (out.ms[key] ?? 0) + performance.now() - t;
        return out;
      }),
    );
  });
}
