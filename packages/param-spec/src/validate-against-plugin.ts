import { closestKeys } from './closest-keys';
import { PluginMismatchError } from './errors';
import type { PluginParameterInfo } from './plugin-parameter';
import { rawValues } from './raw-values';
import type { ParamSpec } from './spec-types';

/**
 * Checks a spec against a plugin's parameters: every synth parameter must be a plugin key, and every
 * value the spec can produce must be a normalized plugin value in [0, 1] (synth values are sent to the
 * host as they are). Throws PluginMismatchError listing every problem; unknown names come with the
 * three closest keys.
 */
export function validateAgainstPlugin(spec: ParamSpec, parameters: readonly PluginParameterInfo[]): void {
  const keys = parameters.map((p) => p.key);
  const keySet = new Set(keys);
  const problems: string[] = [];
  const outside = (xs: number[]) => xs.filter((x) => !(x >= 0 && x <= 1));
  for (const p of spec.synth_params) {
    if (!keySet.has(p.name)) {
      problems.push(`${p.name}: not a parameter of the plugin; closest keys: ${closestKeys(p.name, keys).join(', ') || '(plugin has no parameters)'}`);
    }
    let bad: number[] = [];
    let what = '';
    if (p.kind === 'categorical') {
      bad = outside(rawValues(p));
      what = 'raw_values';
    } else if (p.kind === 'continuous') {
      bad = outside([p.min, p.max, ...(p.constant_value === undefined ? [] : [p.constant_value])]);
      what = 'min/max/constant_value';
    } else {
      bad = outside([p.min, p.max]);
      what = 'min/max';
    }
    if (bad.length > 0) problems.push(`${p.name}: ${what}: expected normalized values in [0, 1], found ${bad.join(', ')}`);
  }
  if (problems.length > 0) throw new PluginMismatchError(spec.name, problems);
}
