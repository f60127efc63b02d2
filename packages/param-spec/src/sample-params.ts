import { map, type OperatorFunction } from 'rxjs';
import { sampleRow, type SampledRow } from './sample-row';
import type { ParamSpec } from './spec-types';

/** A row to sample: its index (attempt 0) or an explicit {index, attempt} for redraws. */
export type RowRequest = number | { index: number; attempt: number };

/** RxJS operator: row indices (or {index, attempt}) → sampled rows, each a pure function of (spec, seed, index, attempt). */
export function sampleParams(spec: ParamSpec, opts: { seed: number }): OperatorFunction<RowRequest, SampledRow> {
  return map((req) =>
    typeof req === 'number'
      ? sampleRow(spec, { seed: opts.seed, index: req, attempt: 0 })
      : sampleRow(spec, { seed: opts.seed, index: req.index, attempt: req.attempt }),
  );
}
