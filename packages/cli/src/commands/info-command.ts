import { ChunkedDatasetReader } from '@vstds/reader';
import { parseCommandArgs } from '../cli-args';
import { UsageError } from '../errors';
import { resolveUserPath } from '../find-config';
import type { CliIO } from '../main';

export const infoHelp = `Usage: vstds info DIR [--json]

Summarises a dataset directory: rows, chunks, audio format, plugin, spec width, the codec of each
stored array and the bytes per row on disk. Opens every chunk listed: damaged or missing chunks are
named, the rest summarised.
`;

const mb = (bytes: number) => (bytes / 1e6).toFixed(3);

export async function infoCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('info', args, { json: { type: 'boolean' } });
  if (values.help) {
    io.stdout(infoHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('vstds info: expected one DIR (see vstds info --help)');
  const reader = await ChunkedDatasetReader.open(resolveUserPath(positionals[0]!, io.env, io.cwd), { check: 'open' });
  try {
    const i = reader.getDatasetInfo();
    if (values.json) {
      io.stdout(`${JSON.stringify(i, null, 2)}\n`);
      return 0;
    }
    const plugin = (i.plugin ?? {}) as { name?: string; version?: string; format?: string; path?: string };
    const lines = [
      `rows:        ${i.total_samples} of ${i.planned_samples} (${i.num_chunks} of ${i.planned_chunks} chunks of ${i.samples_per_file}, ${i.source})`,
      `audio:       ${i.channels} ch × ${i.samples_per_channel} samples (${i.signal_duration_seconds} s at ${i.sample_rate} Hz), float16`,
      `mel_spec:    ${i.channels} × ${i.n_mels} × ${i.frames}`,
      `params:      ${i.param_names.length} parameters, encoded width ${i.encoded_width}`,
      `notes:       pitch ${i.min_pitch}..${i.max_pitch}, velocity ${JSON.stringify(i.velocity)}, note ${i.note_duration_seconds} s`,
      `loudness:    rows below ${i.min_loudness} LUFS were re-drawn`,
      `plugin:      ${plugin.name ?? '?'} ${plugin.version ?? ''} (${plugin.format ?? '?'}) ${plugin.path ?? ''}`.trimEnd(),
      `seed:        ${String(i.seed)}`,
      `storage:     audio ${i.codecs.audio}, mel_spec ${i.codecs.mel_spec}`,
      `on disk:     ${mb(i.bytes_per_row)} MB per row (raw ${mb(i.raw_bytes_per_row)} MB, ${(i.raw_bytes_per_row / i.bytes_per_row).toFixed(2)}× smaller), ` +
        `${mb(i.bytes_on_disk)} MB in ${i.num_chunks} chunk files`,
      `vstds:       ${i.vstds_version}`,
      ...i.damaged_chunks.map((d) => `damaged:     ${d.file}: ${d.reason}`),
      ...(i.missing_chunks.length ? [`missing:     chunks ${i.missing_chunks.join(', ')} (not complete yet)`] : []),
    ];
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    reader.close();
  }
}
