import { writeFileSync } from 'node:fs';
import { wavFile } from '@vstds/reader';
import { loadPlugin } from '@vstds/vst-host';
import { adaptChannels } from '@vstds/workers';
import { expandListFlag, numericFlag, parseCommandArgs } from '../cli-args';
import { UsageError } from '../errors';
import { resolveUserPath } from '../find-config';
import type { CliIO } from '../main';
import { pluginPathArg } from './plugin-command';

export const renderHelp = `Usage: vstds render PATH [--params k=v ...] [--note 60] [--out x.wav] [options]

Renders one patch to a 32-bit float WAV, to listen to what a row of a dataset sounds like.

Options:
  --params k=v ...     normalized [0, 1] values by parameter key (see vstds plugin PATH)
  --preset FILE        a .vstpreset base patch (VST3)
  --note N             MIDI note (default 60)
  --velocity N         MIDI velocity (default 100)
  --note-seconds S     note length (default 1)
  --seconds S          render length (default 4)
  --sample-rate HZ     default 44100
  --channels 1|2       stored channels (mono duplicated, stereo averaged); default: the plugin's
  --out FILE           output WAV (default render.wav)
`;

function num(flag: string, v: string | undefined, dflt: number, ok: (x: number) => boolean, expected: string): number {
  if (v === undefined) return dflt;
  const x = numericFlag(v);
  if (typeof x !== 'number' || !ok(x)) throw new UsageError(`vstds render: ${flag}: expected ${expected}, got ${JSON.stringify(v)}`);
  return x;
}

export async function renderCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('render', expandListFlag(args, '--params'), {
    params: { type: 'string', multiple: true },
    preset: { type: 'string' },
    note: { type: 'string' },
    velocity: { type: 'string' },
    'note-seconds': { type: 'string' },
    seconds: { type: 'string' },
    'sample-rate': { type: 'string' },
    channels: { type: 'string' },
    out: { type: 'string', short: 'o' },
  });
  if (values.help) {
    io.stdout(renderHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('vstds render: expected one PATH (see vstds render --help)');
  const params: Record<string, number> = {};
  for (const kv of values.params ?? []) {
    const m = /^([^=]+)=(.*)$/.exec(kv);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v)) throw new UsageError(`vstds render: --params: expected key=value with a number, got ${JSON.stringify(kv)}`);
    params[m[1]!] = v;
  }
  const pitch = num('--note', values.note, 60, (x) => Number.isInteger(x) && x >= 0 && x <= 127, 'a MIDI note from 0 to 127');
  const velocity = num('--velocity', values.velocity, 100, (x) => Number.isInteger(x) && x >= 1 && x <= 127, 'a velocity from 1 to 127');
  const seconds = num('--seconds', values.seconds, 4, (x) => x > 0 && x <= 600, 'seconds in (0, 600]');
  const noteSeconds = num('--note-seconds', values['note-seconds'], 1, (x) => x > 0, 'a positive number of seconds');
  const sampleRate = num('--sample-rate', values['sample-rate'], 44100, (x) => Number.isInteger(x) && x >= 8000 && x <= 384000, 'an integer sample rate');
  const channels = values.channels === undefined ? undefined : num('--channels', values.channels, 2, (x) => x === 1 || x === 2, '1 or 2');
  const out = resolveUserPath(values.out ?? 'render.wav', io.env, io.cwd);

  const plugin = await loadPlugin(pluginPathArg(positionals[0]!, io), { sampleRate });
  try {
    if (values.preset) plugin.loadPreset(resolveUserPath(values.preset, io.env, io.cwd));
    const audio = await plugin.render({
      params,
      notes: plugin.info.isInstrument ? [{ pitch, velocity, start: 0, end: Math.min(noteSeconds, seconds) }] : [],
      seconds,
      // An effect hears silence (the host pads short input): useful to check its tail or noise.
      input: plugin.info.isInstrument ? undefined : Array.from({ length: plugin.info.inputChannels }, () => new Float32Array(0)),
    });
    const chans = channels === undefined ? audio.channels : adaptChannels(audio.channels, channels as 1 | 2);
    let peak = 0;
    for (const ch of chans) for (const x of ch) peak = Math.max(peak, Math.abs(x));
    writeFileSync(out, wavFile(chans, sampleRate, 'float32'));
    io.stderr(`vstds render: ${out} (${chans.length} ch, ${seconds} s, peak ${peak.toFixed(4)}) from ${plugin.info.name}\n`);
    return 0;
  } finally {
    plugin.close();
  }
}
