import { isAbsolute, resolve } from 'node:path';
import type { PipelineEvent } from './pipeline-event';
import type { Patch, PluginIdentity, RenderJob, RenderResult, RenderWorkerInit } from './render-job';
import type { RenderSettings } from './render-settings';
import { renderWorkerEntry, tsxImport } from './render-worker-entry';
import type { WorkerOutputLogOptions } from './worker-output-log';
import { type CrashRateLimit, WorkerPool } from './worker-pool';

/** Worker processes each holding one instance of the run's plugin. */
export type RenderPool = WorkerPool<RenderWorkerInit, RenderJob, RenderResult>;

export interface RenderPoolOptions {
  settings: RenderSettings;
  /** The run's spec (plain data), checked against the plugin in every worker. */
  spec: unknown;
  /** Worker processes (one plugin instance each). */
  workers: number;
  /** A row running longer than this kills its worker (retried once, then a fault). */
  timeoutMs: number;
  /**
   * Path of a module exporting `stages(context)` (an OperatorFunction<RowJob, StageOutput>) run in
   * each worker instead of defaultStages; .ts modules are loaded through tsx.
   */
  stageModule?: string;
  /** Extra environment variables for the worker processes (e.g. an LD_PRELOAD shim). */
  env?: NodeJS.ProcessEnv;
  /** Called for every event from the first worker start on (subscribe to `pool.events` for later ones). */
  onEvent?: (e: PipelineEvent) => void;
  /**
   * Collect what the plugin prints (stdout and stderr of the workers) in this bounded log file
   * instead of the terminal; `pool.stats.outputLines` counts the lines.
   */
  outputLog?: WorkerOutputLogOptions;
  /** Stop (CrashRateError naming the plugin) when too many render attempts kill their worker. */
  crashRate?: CrashRateLimit;
}

/** Starts the render workers; resolves once every one has loaded the plugin and validated the spec. */
export async function startRenderPool(opts: RenderPoolOptions): Promise<RenderPool> {
  const entry = renderWorkerEntry();
  const stageModule = opts.stageModule === undefined ? undefined : isAbsolute(opts.stageModule) ? opts.stageModule : resolve(opts.stageModule);
  const execArgv = stageModule?.endsWith('.ts') && entry.execArgv.length === 0 ? tsxImport() : entry.execArgv;
  const pool: RenderPool = new WorkerPool({
    workerModule: entry.module,
    execArgv,
    init: { settings: opts.settings, spec: opts.spec, stageModule },
    numWorkers: opts.workers,
    jobTimeoutMs: opts.timeoutMs,
    env: opts.env ? { ...process.env, ...opts.env } : undefined,
    outputLog: opts.outputLog,
    crashRate: opts.crashRate,
    label: opts.settings.pluginPath,
  });
  if (opts.onEvent) pool.events.subscribe(opts.onEvent);
  try {
    await pool.start();
  } catch (e) {
    await pool.close();
    throw e;
  }
  // Once a worker has loaded it, errors name the plugin as well as its path.
  pool.label = `${opts.settings.pluginPath} ("${poolPlugin(pool).name}")`;
  return pool;
}

/** The plugin's identity as the first worker reported it. */
export function poolPlugin(pool: RenderPool): PluginIdentity {
  return pool.readyInfo as PluginIdentity;
}

/**
 * Render noise of the pool's plugin: patch a, then b, then a again; max |a1 − a2| (0 for a
 * deterministic plugin). Without b, the plugin's own shifted patch is used.
 */
export async function measureRenderNoise(pool: RenderPool, a: Patch, b?: Patch): Promise<number> {
  const r = await pool.run({ kind: 'noise', a, b });
  if (r.kind !== 'noise') throw new Error('render noise: the worker answered with a row');
  return r.noise;
}
