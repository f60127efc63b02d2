import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginParameterInfo } from '../src/index';

/**
 * The host's key rule (pedalboard's), re-stated here so the built-in specs can be checked against
 * real plugin metadata without the native host: title + " " + units (units non-empty, not starting
 * with ":"), lower-cased, trimmed, "#"/"♯" -> "_sharp", "♭" -> "_flat", non [a-z0-9] -> "_", runs
 * collapsed, leading/trailing "_" stripped.
 */
export function pedalboardKey(title: string, units: string): string {
  const full = units && !units.startsWith(':') ? `${title} ${units}` : title;
  return full
    .toLowerCase()
    .trim()
    .replace(/[#♯]/g, '_sharp')
    .replace(/♭/g, '_flat')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** mda JX10's control ports from its installed TTL, units as the LV2 unit's units:symbol. */
export function jx10Parameters(): PluginParameterInfo[] {
  const ttl = readFileSync('/usr/lib/lv2/mda.lv2/JX10.ttl', 'utf8');
  const unitsTtl = readFileSync('/usr/lib/lv2/units.lv2/units.ttl', 'utf8');
  const symbolOf = (unit: string) => new RegExp(`^units:${unit}\\b[\\s\\S]*?units:symbol "([^"]*)"`, 'm').exec(unitsTtl)?.[1] ?? '';
  return ttl
    .split(/\]\s*,\s*\[/)
    .filter((block) => /lv2:ControlPort/.test(block) && /lv2:InputPort/.test(block))
    .map((block) => {
      const title = /lv2:name "([^"]*)"/.exec(block)![1]!;
      const unit = /units:unit units:(\w+)/.exec(block)?.[1];
      const units = unit ? symbolOf(unit) : '';
      const min = Number(/lv2:minimum ([-\d.]+)/.exec(block)![1]);
      const max = Number(/lv2:maximum ([-\d.]+)/.exec(block)![1]);
      const def = Number(/lv2:default ([-\d.]+)/.exec(block)![1]);
      return { id: Number(/lv2:index (\d+)/.exec(block)![1]), key: pedalboardKey(title, units), title, units, defaultValue: (def - min) / (max - min), stepCount: 0 };
    });
}

/** Nekobi's visible parameters from its DPF source (unpacked by tools/setup/30-dpf-plugins.sh). */
export function nekobiParameters(): PluginParameterInfo[] {
  const src = readFileSync(join(__dirname, '../../../.plugins/cache/dpf-plugins-1.6+ds/plugins/Nekobi/DistrhoPluginNekobi.cpp'), 'utf8');
  const init = src.slice(src.indexOf('::initParameter('), src.indexOf('// Internal data'));
  return init
    .split(/\bcase param\w+:/)
    .slice(1)
    .map((block, id) => {
      const title = /parameter\.name\s*=\s*"([^"]*)"/.exec(block)![1]!;
      const units = /parameter\.unit\s*=\s*"([^"]*)"/.exec(block)?.[1] ?? '';
      const enumCount = Number(/enumValues\.count\s*=\s*(\d+)/.exec(block)?.[1] ?? 0);
      const labels = [...block.matchAll(/\.label\s*=\s*"([^"]*)"/g)].map((m) => m[1]!);
      return {
        id,
        key: pedalboardKey(title, units),
        title,
        units,
        defaultValue: 0,
        stepCount: enumCount >= 2 ? enumCount - 1 : 0,
        ...(labels.length ? { valueStrings: labels } : {}),
      };
    });
}
