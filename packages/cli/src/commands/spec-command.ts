import { draftSpecFromPlugin, formatSpec, isNonMusicalParameter, narrowTowardDefaults, refineDraft, type DraftDecision } from '@vstds/param-spec';
import { loadPlugin, probeParameters } from '@vstds/vst-host';
import { numericFlag, parseCommandArgs } from '../cli-args';
import { estimateAcceptance } from '../estimate-acceptance';
import { UsageError } from '../errors';
import type { CliIO } from '../main';
import { pluginPathArg } from './plugin-command';

export const specHelp = `Usage: vstds spec init PATH [--name NAME] [--min-pitch N] [--max-pitch N]
                       [--min-loudness LUFS] [--probe-rows N] [--no-probe] > spec.yaml

Drafts a param spec from a plugin's parameters: continuous [0, 1] for continuous parameters,
categorical (with the plugin's value strings) for stepped ones. Then probes each parameter by
rendering a note with it at its extremes and midpoint: parameters that do nothing audible and
non-musical ones (keyboard split points, MIDI channel, tuning, polyphony) are left out, so they
stay at the plugin's defaults; ranges and options that silence the plugin are narrowed away.
Prints the share of rows the loudness gate would accept, measured on --probe-rows rows (default
32) at --min-loudness (default -55 LUFS). --no-probe gives the plain draft.
`;

const TARGET_ACCEPTANCE = 0.6;

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
    'min-loudness': { type: 'string' },
    'probe-rows': { type: 'string' },
    'no-probe': { type: 'boolean' },
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
  const minLoudness = numericFlag(values['min-loudness']) ?? -55;
  if (typeof minLoudness !== 'number' || !(minLoudness >= -200 && minLoudness <= 0)) {
    throw new UsageError(`vstds spec init: --min-loudness: expected a loudness in LUFS from -200 to 0, got ${JSON.stringify(minLoudness)}`);
  }
  const probeRows = numericFlag(values['probe-rows']) ?? 32;
  if (!Number.isInteger(probeRows) || (probeRows as number) < 1 || (probeRows as number) > 1000) {
    throw new UsageError(`vstds spec init: --probe-rows: expected an integer from 1 to 1000, got ${JSON.stringify(probeRows)}`);
  }
  const path = pluginPathArg(positionals[0]!, io);
  const plugin = await loadPlugin(path);
  try {
    const parameters = plugin.parameters;
    const draft = draftSpecFromPlugin(parameters, {
      name: values.name ?? plugin.info.name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, ''),
      pitch: [lo as number, hi as number],
    });
    const origin = `Drafted by "vstds spec init" from ${plugin.info.name} ${plugin.info.version} (${path}).`;
    if (!plugin.info.isInstrument) {
      // An effect takes no notes: its spec is for a config's `effects:` list.
      const effect = { ...draft, note_params: [] };
      io.stdout(formatSpec(effect, `${origin}\nAn effect's spec (no note parameters): use it in a config's effects: list.\nNarrow the ranges to the sounds you want before generating.`));
      return 0;
    }
    if (values['no-probe']) {
      io.stdout(formatSpec(draft, `${origin}\nNarrow the ranges to the sounds you want before generating.`));
      return 0;
    }
    io.stderr(`probing ${parameters.length} parameters of ${plugin.info.name} ...\n`);
    // Non-musical parameters stay at their defaults whatever they sound like: no probe renders.
    const probes = await probeParameters(plugin, { keys: parameters.filter((p) => !isNonMusicalParameter(p)).map((p) => p.key) });
    let { spec, decisions } = refineDraft(draft, parameters, probes);
    const acceptance = { rows: probeRows as number, minLoudness, signalSeconds: 4, noteSeconds: 1, velocity: 100, seed: 0x5bec };
    let rate = await estimateAcceptance(plugin, spec, acceptance);
    // Each parameter sounds alone, yet random combinations can still silence rows (a slow attack
    // with a short note, a closed filter with a low pitch): pull ranges toward the defaults.
    for (let round = 0; round < 3 && rate < TARGET_ACCEPTANCE; round++) {
      spec = narrowTowardDefaults(spec, parameters, 0.5);
      rate = await estimateAcceptance(plugin, spec, acceptance);
    }
    const summary = summarize(decisions, spec.synth_params.length, rate, acceptance.rows, minLoudness);
    io.stderr(`${summary}\n`);
    io.stdout(formatSpec(spec, `${origin}\n${summary}\nNarrow the ranges to the sounds you want before generating.`));
    return 0;
  } finally {
    plugin.close();
  }
}

function summarize(decisions: DraftDecision[], kept: number, rate: number, rows: number, minLoudness: number): string {
  const fixed = (reason: string) => decisions.filter((d) => d.action === 'fixed' && d.reason === reason).length;
  const narrowed = decisions.filter((d) => d.action === 'narrowed').length;
  return (
    `${kept} parameters sampled (${narrowed} narrowed); left at their defaults: ${fixed('non-musical')} non-musical, ` +
    `${fixed('inaudible')} inaudible, ${fixed('silences')} silencing.\n` +
    `Expected acceptance at ${minLoudness} LUFS: ${Math.round(rate * 100)}% (${rows} probe rows).`
  );
}
