// A custom pipeline with vstds' guarantees: 2 crash-isolated worker processes, re-draw by attempt,
// resume (rerun the same command after a crash or kill -9), progress from the pipeline's events.
// Run from the repo root: npx tsx packages/cli/examples/custom-pipeline.ts OUT_DIR [--default-stages]
import { resolve } from 'node:path';
import { openDatasetDir, VSTDS_VERSION, writeChunks } from '@vstds/hdf5-chunks';
import { loadSpec, names } from '@vstds/param-spec';
import { inWorkers, missingRowIds, poolPlugin, redraw, type RenderSettings, rowDraw, startRenderPool, toChunkRows } from '@vstds/workers';
import { lastValueFrom } from 'rxjs';

const [out = 'datasets/custom', flag] = process.argv.slice(2);
const stageModule = flag === '--default-stages' ? undefined : resolve(import.meta.dirname, 'high-notes-stages.ts');
const spec = loadSpec('nekobi');
const settings: RenderSettings = {
  pluginPath: resolve('.plugins/vst3/Nekobi.vst3'), presetPath: null,
  sampleRate: 44100, blockSize: 512, channels: 2, seconds: 2, minLoudness: -55,
};
const draw = rowDraw(spec, { seed: 5, signalDurationSeconds: 2, noteDurationSeconds: 1, velocity: 100 });

const pool = await startRenderPool({ settings, spec, workers: 2, timeoutMs: 30_000, stageModule });
const dataset = openDatasetDir(out, {
  totalSamples: 16, samplesPerFile: 8, config: { example: 'custom-pipeline', stages: stageModule ?? 'default' },
  metadata: {
    audio: { sample_rate: 44100, channels: 2, signal_duration_seconds: 2, note_duration_seconds: 1, min_loudness: -55, velocity: 100, min_pitch: 36, max_pitch: 72 },
    paramNames: names(spec), paramSpec: spec as never, seed: 5, vstdsVersion: VSTDS_VERSION,
    plugin: { ...poolPlugin(pool), preset_path: null, preset_sha256: null },
  },
});
let accepted = dataset.info.completed_samples;
pool.events.subscribe((e) => {
  if (e.type === 'row-done') process.stderr.write(`${++accepted}/16 rows accepted (row ${e.id}, attempt ${e.attempt})\n`);
  if (e.type === 'fault') process.stderr.write(`row ${e.id}: plugin ${e.kind}, re-drawing\n`);
});
try {
  await lastValueFrom(
    missingRowIds(dataset).pipe(
      redraw(inWorkers(pool), { draw, maxAttempts: 100 }),
      toChunkRows(),
      writeChunks(dataset),
    ),
    { defaultValue: undefined },
  );
} finally {
  await pool.close();
}
