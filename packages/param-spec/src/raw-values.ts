import type { CategoricalParam } from './spec-types';

/** A categorical parameter's raw values, defaulting (as the Python reference does) to i / (n - 1). */
export function rawValues(param: CategoricalParam): number[] {
  const n = param.values.length;
  return param.raw_values ?? param.values.map((_, i) => i / (n - 1));
}
