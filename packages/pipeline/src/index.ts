// The public API of @vstds/pipeline: the config (schema, loading, validation), the default
// generate pipeline (whole datasets and single chunks), the output directory's state and lock,
// run progress and summary. The worker processes, re-draw and stages are @vstds/workers'; its
// errors are re-exported because generate throws them.
export * from './errors';
export { AttemptsExhaustedError, JobFaultError, RemoteError, WorkerStartError } from '@vstds/workers';
export { configDefaults, configKeys, contentNeutralKeys, knownConfigKeys, type ConfigKey, type GenerateConfig } from './config-schema';
export { loadConfig, parseConfig, describeValue, isBuiltinSpecName, isUri, type ConfigOverrides, type ParseConfigOptions } from './load-config';
export { assertConfigTargets, configTargetProblems } from './config-targets';
export { generate, generateChunks } from './generate';
export type { ChunkRunOptions, GenerateOptions } from './generate-options';
export { drawSettings, renderSettings, resolveRunSpec } from './run-settings';
export { datasetInit } from './dataset-init';
export type { RunSummary } from './run-summary';
export { RunProgress, type ProgressSnapshot, type WorkerTally } from './run-progress';
export { differingConfigKeys, prepareOutputDir, FAULTS_FILE, PLUGIN_STDERR_LOG, PRESETS_FILE, RUN_SUMMARY_FILE } from './output-dir-state';
export { presetTableFor, type PresetTableOptions } from './preset-table-file';
export { CrashRateError } from '@vstds/workers';
export { RowLevels, type RowLevelsSummary } from './row-levels';
export { lockOutputDir, shardLockScope } from './output-dir-lock';
export { clock, formatProgress, ProgressReporter } from './progress-reporter';
export { VSTDS_VERSION as vstdsVersion } from '@vstds/hdf5-chunks';
