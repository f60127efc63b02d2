// The public API of @vstds/cli: the config, the crash-isolating supervisor, the generate pipeline
// and the CLI entry (`main`) for embedding and tests.
export * from './errors';
export { configDefaults, configKeys, contentNeutralKeys, knownConfigKeys, type ConfigKey, type GenerateConfig } from './config-schema';
export { loadConfig, parseConfig, describeValue, type ConfigOverrides, type ParseConfigOptions } from './load-config';
export { WorkerSupervisor, type SupervisorEvent, type SupervisorOptions, type SupervisorStats } from './worker-supervisor';
export type { FromWorker, ToWorker } from './worker-protocol';
export { serveWorker, type WorkerHandlers } from './worker-runtime';
export { generate, resolveRunSpec, type GenerateOptions, type RunSummary } from './generate';
export { orderedRows } from './ordered-rows';
export { differingConfigKeys, prepareOutputDir, FAULTS_FILE, RUN_SUMMARY_FILE } from './output-dir-state';
export { adaptChannels } from './adapt-channels';
export { ReorderBuffer } from './reorder-buffer';
export { formatProgress, ProgressReporter, type ProgressCounts } from './progress-reporter';
export type { NoteEventData, PluginIdentity, RenderJob, RenderOutcome, RenderWorkerInit, StageTimes } from './render-job';
export { encodeWavFloat32 } from './wav-file';
export { main, usage, type CliIO } from './main';
export { vstdsVersion } from './version';
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
