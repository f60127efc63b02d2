import { loadPlugin } from '@vstds/vst-host';
import { parseCommandArgs } from '../cli-args';
import { UsageError } from '../errors';
import { resolveUserPath } from '../find-config';
import type { CliIO } from '../main';

export const pluginHelp = `Usage: vstds plugin PATH [--json]

Loads a plugin headless and prints its identity and its parameter table. The "key" column is the
name a param spec uses for the parameter.
PATH: a .vst3 bundle, an .lv2 bundle directory or an LV2 plugin URI.
`;

/** A path argument: URIs stay as written, files resolve against the user's directory. */
export function pluginPathArg(p: string, io: CliIO): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || /^urn:/i.test(p) ? p : resolveUserPath(p, io.env, io.cwd);
}

export async function pluginCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('plugin', args, { json: { type: 'boolean' } });
  if (values.help) {
    io.stdout(pluginHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('vstds plugin: expected one PATH (see vstds plugin --help)');
  const plugin = await loadPlugin(pluginPathArg(positionals[0]!, io));
  try {
    const { info, parameters } = plugin;
    if (values.json) {
      io.stdout(`${JSON.stringify({ info, parameters }, null, 2)}\n`);
      return 0;
    }
    io.stdout(
      `${info.name} ${info.version} by ${info.vendor} (${info.format}, ${info.isInstrument ? 'instrument' : 'effect'}, ` +
        `${info.inputChannels} in / ${info.outputChannels} out)\nuid: ${info.uid}\n${parameters.length} parameters:\n`,
    );
    const rows = parameters.map((p) => [
      String(p.id),
      p.key,
      p.title,
      p.units,
      p.defaultValue.toFixed(4),
      p.stepCount === 0 ? '-' : p.valueStrings?.length ? `${p.stepCount + 1}: ${p.valueStrings.join('|')}` : String(p.stepCount + 1),
    ]);
    const head = ['id', 'key', 'title', 'units', 'default', 'steps'];
    const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
    const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
    io.stdout(`${line(head)}\n${rows.map(line).join('\n')}\n`);
    return 0;
  } finally {
    plugin.close();
  }
}
