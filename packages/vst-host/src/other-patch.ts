import type { PluginParameter } from './types';

/** Every listed parameter moved half the range away from its value in `params` (or its default). */
export function otherPatch(
  parameters: readonly PluginParameter[],
  params: Record<string, number> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of parameters) {
    const v = params[p.key] ?? params[String(p.id)] ?? p.defaultValue;
    out[p.key] = v < 0.5 ? v + 0.5 : v - 0.5;
  }
  return out;
}
