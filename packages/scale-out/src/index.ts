// The public API of @vstds/scale-out: a BullMQ/Redis work queue (coordinator and chunk workers),
// static shards, finalize, and the pieces for embedding (custom chunk runners, Redis URLs).
export type { ChunkResult, ChunkRunArgs, ChunkRunner, ChunkRunnerModule } from './chunk-runner';
export { CHUNK_JOB_NAME, DEFAULT_QUEUE_NAME, QUEUE_PREFIX, type ChunkJobData, type ChunkJobProgress, type ChunkJobResult } from './chunk-job';
export { allChunks, missingChunks, numChunks, parseShardSpec, plannedChunk, shardChunks, type PlannedChunk } from './chunk-plan';
export { chunkJobId, datasetId } from './dataset-id';
export { claimOutputDir, PLAN_FILE, readPlan, STAGING_PREFIX, type DatasetPlan } from './dataset-plan';
export { finalizeDataset, type FinalizeOptions, type FinalizeReport } from './finalize-dataset';
export { FleetProgress, formatFleetProgress, type FleetSnapshot, type WorkerTally } from './fleet-progress';
export { loadChunkRunner } from './load-chunk-runner';
export { runQueueGenerate, type QueueGenerateOptions, type QueueRunSummary } from './queue-coordinator';
export { redactText, redactUrl } from './redact';
export { parseRedisUrl, type RedisConnection, type RedisEnv, type RedisTarget } from './redis-url';
export * from './scale-out-errors';
export { throttledErrorLog, waitForRedis } from './redis-preflight';
export { runShardGenerate, type ShardGenerateOptions, type ShardRunSummary } from './shard-generate';
export { runChunkStaged } from './stage-chunk';
export { startChunkWorker, type ChunkWorkerHandle, type ChunkWorkerOptions } from './chunk-worker';
