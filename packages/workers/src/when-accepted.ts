import { concatMap, type OperatorFunction, of } from 'rxjs';
import type { RowRejected } from './stage-row';

/**
 * Applies `stage` to rows not yet rejected and passes rejections through unchanged, so later
 * stages (mel, float16) are skipped for rejected rows. A row the inner stage drops (a filter)
 * is dropped, which the worker answers as rejected with reason 'filtered'.
 */
export function whenAccepted<T extends object, R>(stage: OperatorFunction<T, R>): OperatorFunction<T | RowRejected, R | RowRejected> {
  return concatMap((row) =>
    'kind' in row && (row as RowRejected).kind === 'rejected' ? of(row as RowRejected) : of(row as T).pipe(stage),
  );
}
