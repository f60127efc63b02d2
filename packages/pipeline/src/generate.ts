import { type ChunkWritten, type DatasetDir, listMissingChunks, openDatasetDir } from '@vstds/hdf5-chunks';
import { inWorkers, missingRowIds, poolPlugin, presetDraw, redraw, rowDraw, toChunkRows } from '@vstds/workers';
import { lastValueFrom, tap } from 'rxjs';
import type { GenerateConfig } from './config-schema';
import { countWritten } from './count-written';
import { ConfigError } from './errors';
import { datasetInit } from './dataset-init';
import { faultLog, retryLine } from './fault-log';
import { prepareOutputDir, resumeNotes } from './output-dir-state';
import { presetsOf } from './preset-table-file';
import { ProgressReporter } from './progress-reporter';
import { recordedNoise, RenderNoiseProbe } from './render-noise-probe';
import { renderPoolFor } from './render-pool-for';
import { RowLevels } from './row-levels';
import { RunProgress } from './run-progress';
import { drawSettings, resolveRunSpec } from './run-settings';
import type { ChunkRunOptions, GenerateOptions, RunOptions } from './generate-options';
import { addPluginOutput, runSummary, type RunSummary, writeRunSummary } from './run-summary';

/**
 * Generates (or resumes) the dataset a config describes. Row content depends only on
 * (config, seed, global id): rows are drawn per (seed, id, attempt), rendered on crash-isolated
 * worker processes, and written in global-id order whatever order they finish in.
 */
export async function generate(config: GenerateConfig, opts: GenerateOptions = {}): Promise<RunSummary> {
  const { resuming } = prepareOutputDir(config, Boolean(opts.overwrite));
  return (await runPipeline(config, { ...opts, dir: config.output_dir, resuming })).summary;
}

/** Makes exactly the given chunks of the config's dataset in `dir` (queue workers and static shards). */
export async function generateChunks(config: GenerateConfig, opts: ChunkRunOptions): Promise<ChunkWritten[]> {
  // Chunk runs on other machines would each make their own preset table: one run must make it.
  if (config.preset_dir) throw new ConfigError([`preset_dir: expected a local \`vstds generate\` (preset datasets do not run with --queue or --shard yet), got ${config.preset_dir}`]);
  const cfg = { ...config, num_workers: opts.renderWorkers ?? config.num_workers };
  return (await runPipeline(cfg, opts)).written;
}

/** The default pipeline: missing row ids → draw with re-draw → worker processes → chunk files. */
async function runPipeline(config: GenerateConfig, o: RunOptions): Promise<{ summary: RunSummary; written: ChunkWritten[] }> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const spec = resolveRunSpec(config);
  const progress = new RunProgress(config.num_samples);
  // num_samples 0 (a preset dataset's default) is not known until the presets are checked.
  const numWorkers = Math.max(1, Math.min(config.num_workers, config.num_samples || config.num_workers));
  const levels = new RowLevels(config.max_peak);
  const pool = await renderPoolFor(config, o.dir, numWorkers, (e) => {
    progress.observe(e);
    if (e.type === 'row-done') o.onRows?.(progress.rowsAccepted);
    const line = retryLine(e);
    if (line) log(line);
  });
  const written: ChunkWritten[] = [];
  let dataset: DatasetDir | undefined;
  let error: unknown;
  let noise: RenderNoiseProbe | undefined;
  let reporter: ProgressReporter | undefined;
  try {
    // A resumed run keeps the render noise its first run measured; chunk runs do not measure it.
    const previousNoise = o.resuming ? recordedNoise(o.dir) : null;
    const presets = await presetsOf(config, pool, spec, o.dir, Boolean(o.resuming), log);
    dataset = openDatasetDir(o.dir, datasetInit(config, spec, poolPlugin(pool), previousNoise, presets?.rows ?? config.num_samples));
    const todo = listMissingChunks(dataset.info).filter((c) => !o.chunks || o.chunks.includes(c.index));
    const rowsToDo = todo.reduce((t, c) => t + c.num_samples, 0);
    progress.rowsAtStart = o.chunks ? 0 : dataset.info.completed_samples;
    progress.rowsTotal = progress.rowsAtStart + rowsToDo;
    if (!o.chunks) resumeNotes(dataset, Boolean(o.resuming), rowsToDo).forEach(log);
    if (o.progress && rowsToDo > 0) (reporter = new ProgressReporter(() => progress.snapshot(), o.progress.write, o.progress.tty)).start();
    if (!o.chunks) noise = new RenderNoiseProbe(pool, previousNoise, rowsToDo, log);
    const window = o.window ?? Math.max(16, numWorkers * 8);

    await lastValueFrom(
      missingRowIds(dataset, o.chunks).pipe(
        // The writer releases each row's arrays once copied: the pool reuses the memory (no GC churn).
        redraw(inWorkers(pool, { window, recycleArrays: true }), {
          draw: presets ? presetDraw(spec, drawSettings(config), config.preset_dir!, presets.table) : rowDraw(spec, drawSettings(config)),
          maxAttempts: config.max_attempts_per_sample,
          window,
          onRedraw: faultLog(o.dir, log),
        }),
        tap((row) => {
          noise?.offer(row.job);
          levels.observe(row.row.peak);
        }),
        toChunkRows(),
        countWritten(dataset, progress),
        tap((w) => {
          written.push(w);
          if (!o.progress?.tty) log(`chunk ${w.index} written: ${w.file} (${w.num_samples} rows)`);
        }),
      ),
      { defaultValue: undefined },
    );
    await noise?.record(dataset);
  } catch (e) {
    error = e;
  } finally {
    reporter?.stop();
  }
  const renderNoise = noise ? await noise.value() : null;
  const outcome = { error, numWorkers: config.num_workers, chunksWritten: written.length, renderNoise, workerPids: pool.workerPids(), levels: levels.summary() };
  const summary = runSummary(progress, (performance.now() - started) / 1000, outcome);
  await pool.close();
  // The workers' last lines reach the plugin log only once they have exited.
  addPluginOutput(summary, pool.stats, pool.outputLogPath);
  if (dataset) writeRunSummary(o.dir, summary);
  if (error !== undefined) throw error;
  return { summary, written };
}
