import { ensureWritableDir } from '@vstds/hdf5-chunks';
import { type PipelineEvent, type RenderPool, startRenderPool } from '@vstds/workers';
import { join } from 'node:path';
import type { GenerateConfig } from './config-schema';
import { PLUGIN_STDERR_LOG } from './output-dir-state';
import { renderEnv, renderSettings, resolveInstrumentSpec } from './run-settings';

/** The config's crash-isolated render workers, writing into dataset dir `dir`. */
export function renderPoolFor(config: GenerateConfig, dir: string, workers: number, onEvent: (e: PipelineEvent) => void): Promise<RenderPool> {
  // The plugin log lives in the dataset dir: a dir that cannot be made fails here, naming it.
  ensureWritableDir(dir);
  return startRenderPool({
    // Plugin noise (toolkit warnings, debug prints) goes to a bounded file, not the terminal.
    outputLog: { path: join(dir, PLUGIN_STDERR_LOG) },
    crashRate: { max: config.max_crash_rate, minAttempts: config.crash_rate_min_attempts, setting: 'max_crash_rate' },
    settings: renderSettings(config),
    spec: resolveInstrumentSpec(config),
    env: renderEnv(config),
    workers,
    timeoutMs: config.render_timeout_seconds * 1000,
    onEvent,
  });
}
