import { type ChunkWritten, type DatasetDir, listMissingChunks, openDatasetDir, writeManifest } from '@vstds/hdf5-chunks';
import { mkdirSync } from 'node:fs';
import type { PluginFormat } from '@vstds/vst-host';
import { inWorkers, missingRowIds, poolPlugin, presetDraw, type PresetTable, redraw, rowDraw, startRenderPool, toChunkRows } from '@vstds/workers';
import { join } from 'node:path';
import { lastValueFrom, tap } from 'rxjs';
import type { GenerateConfig } from './config-schema';
import { countWritten } from './count-written';
import { ConfigError } from './errors';
import { datasetInit } from './dataset-init';
import { faultLog, retryLine } from './fault-log';
import { PLUGIN_STDERR_LOG, prepareOutputDir, resumeNotes } from './output-dir-state';
import { presetTableFor } from './preset-table-file';
import { ProgressReporter } from './progress-reporter';
import { recordedNoise, RenderNoiseProbe } from './render-noise-probe';
import { RowLevels } from './row-levels';
import { RunProgress } from './run-progress';
import { drawSettings, renderEnv, renderSettings, resolveInstrumentSpec, resolveRunSpec } from './run-settings';
import { runSummary, type RunSummary, writeRunSummary } from './run-summary';

export interface GenerateOptions {
  /** Delete a dataset already in output_dir and start over. */
  overwrite?: boolean;
  /** Log lines (faults, resume notes) and progress display; default: none. */
  log?: (line: string) => void;
  progress?: { write: (text: string) => void; tty: boolean };
  /** Rows in flight (bounded memory while a slow row holds the writer); default 8 × workers, ≥ 16. */
  window?: number;
}

/** The chunk-level entry's options: which chunks, where, on how many render workers. */
export interface ChunkRunOptions {
  /** Directory to write into (a staging directory; its manifest is thrown away by the caller). */
  dir: string;
  chunks: readonly number[];
  renderWorkers?: number;
  log?: (line: string) => void;
  /** Called with the rows accepted so far (rendered and kept, in any order). */
  onRows?: (rowsAccepted: number) => void;
}

type RunOptions = Omit<GenerateOptions, 'overwrite'> & Partial<ChunkRunOptions> & { dir: string; resuming?: boolean };

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
  const pluginLog = join(o.dir, PLUGIN_STDERR_LOG);
  const pool = await startRenderPool({
    // Plugin noise (toolkit warnings, debug prints) goes to a bounded file, not the terminal.
    outputLog: { path: pluginLog },
    crashRate: { max: config.max_crash_rate, minAttempts: config.crash_rate_min_attempts, setting: 'max_crash_rate' },
    settings: renderSettings(config),
    spec: resolveInstrumentSpec(config),
    env: renderEnv(config),
    workers: numWorkers,
    timeoutMs: config.render_timeout_seconds * 1000,
    onEvent: (e) => {
      progress.observe(e);
      if (e.type === 'row-done') o.onRows?.(progress.rowsAccepted);
      const line = retryLine(e);
      if (line) log(line);
    },
  });
  const written: ChunkWritten[] = [];
  let dataset: DatasetDir | undefined;
  let error: unknown;
  let noise: RenderNoiseProbe | undefined;
  let reporter: ProgressReporter | undefined;
  try {
    // A resumed run keeps the render noise its first run measured; chunk runs do not measure it.
    const previousNoise = o.resuming ? recordedNoise(o.dir) : null;
    let presets: PresetTable | undefined;
    if (config.preset_dir) {
      mkdirSync(o.dir, { recursive: true });
      const format = poolPlugin(pool).format as PluginFormat;
      presets = await presetTableFor({ pool, spec, presetDir: config.preset_dir, format, dir: o.dir, resuming: Boolean(o.resuming), log });
    }
    const totalSamples = presets && config.num_samples === 0 ? presets.presets.length : config.num_samples;
    progress.rowsTotal = totalSamples;
    dataset = openDatasetDir(o.dir, datasetInit(config, spec, poolPlugin(pool), previousNoise, totalSamples));
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
        redraw(inWorkers(pool, { window }), {
          draw: presets ? presetDraw(spec, drawSettings(config), config.preset_dir!, presets) : rowDraw(spec, drawSettings(config)),
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
    if (noise) {
      // Record the measured noise (it arrives after the manifest was first written).
      dataset.info.extra = { render_noise: await noise.value() };
      writeManifest(dataset.dir, dataset.info);
    }
  } catch (e) {
    error = e;
  } finally {
    reporter?.stop();
  }
  const renderNoise = noise ? await noise.value() : null;
  const outcome = { error, numWorkers: config.num_workers, chunksWritten: written.length, renderNoise, workerPids: pool.workerPids() };
  const summary = runSummary(progress, (performance.now() - started) / 1000, { ...outcome, levels: levels.summary() });
  await pool.close();
  // The workers' last lines reach the log only once they have exited.
  Object.assign(summary, {
    plugin_stderr_lines: pool.stats.outputLines,
    plugin_stderr_dropped_lines: pool.stats.outputLinesDropped,
    plugin_stderr_log: pool.stats.outputLines > 0 ? pluginLog : null,
  });
  if (dataset) writeRunSummary(o.dir, summary);
  if (error !== undefined) throw error;
  return { summary, written };
}
