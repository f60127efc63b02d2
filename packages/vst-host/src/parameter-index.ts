import { closestKeys } from '@vstds/param-spec';
import { ParameterValueError, UnknownParameterError } from './errors';
import type { PluginParameter } from './types';

/** Looks parameters up by key or numeric id and checks values, for the native calls. */
export class ParameterIndex {
  private readonly byKey: Map<string, PluginParameter>;
  private readonly byId: Map<number, PluginParameter>;

  constructor(readonly parameters: readonly PluginParameter[]) {
    this.byKey = new Map(parameters.map((p) => [p.key, p]));
    this.byId = new Map(parameters.map((p) => [p.id, p]));
  }

  /** Ids and normalized values; unknown keys and values outside [0, 1] throw. */
  resolve(
    params: Record<string, number> | undefined,
  ): [Uint32Array, Float64Array] {
    const entries = Object.entries(params ?? {});
    const ids = new Uint32Array(entries.length);
    const values = new Float64Array(entries.length);
    entries.forEach(([key, value], i) => {
      const param =
        this.byKey.get(key) ??
        (/^\d+$/.test(key) ? this.byId.get(Number(key)) : undefined);
      if (!param) {
        throw new UnknownParameterError(
          key,
          closestKeys(key.toLowerCase(), [...this.byKey.keys()]),
        );
      }
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        throw new ParameterValueError(key, value);
      }
      ids[i] = param.id;
      values[i] = value;
    });
    return [ids, values];
  }
}
