// The public API of @vstds/cli: the config, the generate pipeline (whole datasets and single
// chunks) and the CLI entry (`main`) for embedding and tests. The worker processes, re-draw and
// stages are @vstds/workers'; its errors are re-exported because generate throws them.
export * from './errors';
export { AttemptsExhaustedError, JobFaultError, RemoteError, WorkerStartError } from '@vstds/workers';
export { configDefaults, configKeys, contentNeutralKeys, knownConfigKeys, type ConfigKey, type GenerateConfig } from './config-schema';
export { loadConfig, parseConfig, describeValue, type ConfigOverrides, type ParseConfigOptions } from './load-config';
export { generate, generateChunks, type ChunkRunOptions, type GenerateOptions } from './generate';
export { drawSettings, renderSettings, resolveRunSpec } from './run-settings';
export { datasetInit } from './dataset-init';
export type { RunSummary } from './run-summary';
export { RunProgress, type ProgressSnapshot } from './run-progress';
export { differingConfigKeys, prepareOutputDir, FAULTS_FILE, RUN_SUMMARY_FILE } from './output-dir-state';
export { formatProgress, ProgressReporter } from './progress-reporter';
export { encodeWavFloat32 } from './wav-file';
export { main, usage, type CliIO } from './main';
export { VSTDS_VERSION as vstdsVersion } from '@vstds/hdf5-chunks';
export {
  finalizeDataset,
  runQueueGenerate,
  runShardGenerate,
  startChunkWorker,
  type ChunkRunner,
  type ChunkRunArgs,
  type ChunkResult,
  type FinalizeReport,
  type QueueRunSummary,
  type ShardRunSummary,
} from './scale-out/index';
