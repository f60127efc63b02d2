// The README's "custom pipeline" example, kept runnable: the libraries' operators composed in one
// process (no worker isolation), with the mel stage swapped and a filter added.
import { join } from 'node:path';
import { melSpectrogram, loudnessGate, toFloat16Bits } from '@vstds/dsp-mel';
import { openDatasetDir, writeChunks } from '@vstds/hdf5-chunks';
import { notesForSampledRow } from '@vstds/midi';
import { loadSpec, names, sampleParams } from '@vstds/param-spec';
import { loadPlugin, renderWith } from '@vstds/vst-host';
import { filter, lastValueFrom, map, range, take, toArray } from 'rxjs';
import { afterAll, expect, it } from 'vitest';
import { cleanupTempDirs, digestDataset, pluginsDir, tempDir } from './e2e-helpers';

afterAll(cleanupTempDirs);

it('README custom pipeline: per-channel mel, only high notes', async () => {
  const out = tempDir('custom');
  const spec = loadSpec('nekobi');
  const plugin = await loadPlugin(join(pluginsDir, 'Nekobi.vst3'));
  const audio = { sample_rate: 44100, channels: 1, signal_duration_seconds: 2, note_duration_seconds: 1, min_loudness: -50, velocity: 100, min_pitch: 36, max_pitch: 72 };
  const dataset = openDatasetDir(out, {
    totalSamples: 6, samplesPerFile: 6, config: {},
    metadata: { audio, paramNames: names(spec), paramSpec: spec as never, plugin: plugin.info as never, seed: 1 },
  });
  let id = 0;
  const written = await lastValueFrom(
    range(0, 100).pipe(
      sampleParams(spec, { seed: 1 }),
      filter((row) => row.noteParams.pitch >= 60), // added stage: high notes only
      renderWith(plugin, { toRequest: (row) => ({ params: row.synthParams, notes: notesForSampledRow(spec, row, { signalDurationSeconds: 2, noteDurationSeconds: 1 }), seconds: 2 }) }),
      map(({ item, audio: a }) => ({ ...item, channels: a.channels, sampleRate: a.sampleRate })),
      loudnessGate({ minLoudness: -50 }),
      map((row) => ({ ...row, mel: melSpectrogram(row.channels, 44100, { dbReference: 'per-channel' }) })), // swapped stage
      take(6),
      map((row) => ({
        globalId: id++, audio: toFloat16Bits(row.channels[0]!), mel: row.mel.data, paramArray: row.encoded,
        parameters: { ...row.synthParams, ...row.noteParams }, midiNote: row.noteParams.pitch, velocity: row.noteParams.velocity ?? 100,
      })),
      writeChunks(dataset),
      toArray(),
    ),
  );
  plugin.close();
  expect(written).toHaveLength(1);
  const d = digestDataset(out);
  expect(d.rows).toBe(6);
  expect(d.shapes.audio).toEqual([1, 88200]);
});
