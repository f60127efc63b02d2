import type { CategoricalParam } from './spec-types';

/** A categorical parameter's raw values, defaulting (as the Python reference does) to i / (n - 1). */
export function rawValues(param: CategoricalParam): number[] {
  const n = param.values.length;
  return param.raw_values ?? param.values.map((_, i) => i / (n - 1));
}

/** Index of the raw value nearest to v, the first on ties (numpy argmin semantics). */
export function nearestRawIndex(raws: readonly number[], v: number): number {
  let best = 0;
  for (let i = 1; i < raws.length; i++) if (Math.abs(raws[i]! - v) < Math.abs(raws[best]! - v)) best = i;
  return best;
}
