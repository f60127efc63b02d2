import { draftSpecFromPlugin, formatSpec } from '@vstds/param-spec';
import { loadPlugin } from '@vstds/vst-host';
import { numericFlag, parseCommandArgs } from '../cli-args';
import { UsageError } from '../errors';
import type { CliIO } from '../main';
import { pluginPathArg } from './plugin-command';

export const specHelp = `Usage: vstds spec init PATH [--name NAME] [--min-pitch N] [--max-pitch N] > spec.yaml

Drafts a param spec from a plugin's parameters: continuous [0, 1] for continuous parameters,
categorical (with the plugin's value strings) for stepped ones. Edit the ranges, then use it as
param_spec in a config.
`;

export async function specCommand(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    io.stdout(specHelp);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'init') throw new UsageError(`vstds spec: unknown subcommand "${sub}" (expected: vstds spec init PATH)`);
  const { values, positionals } = parseCommandArgs('spec init', rest, {
    name: { type: 'string' },
    'min-pitch': { type: 'string' },
    'max-pitch': { type: 'string' },
  });
  if (values.help) {
    io.stdout(specHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('vstds spec init: expected one PATH (see vstds spec --help)');
  const lo = numericFlag(values['min-pitch']) ?? 48;
  const hi = numericFlag(values['max-pitch']) ?? 72;
  for (const [flag, v] of [['--min-pitch', lo], ['--max-pitch', hi]] as const) {
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 127) {
      throw new UsageError(`vstds spec init: ${flag}: expected a MIDI note from 0 to 127, got ${JSON.stringify(v)}`);
    }
  }
  const path = pluginPathArg(positionals[0]!, io);
  const plugin = await loadPlugin(path);
  try {
    const spec = draftSpecFromPlugin(plugin.parameters, {
      name: values.name ?? plugin.info.name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, ''),
      pitch: [lo as number, hi as number],
    });
    io.stdout(formatSpec(spec, `Drafted by "vstds spec init" from ${plugin.info.name} ${plugin.info.version} (${path}).\nNarrow the ranges to the sounds you want before generating.`));
    return 0;
  } finally {
    plugin.close();
  }
}
