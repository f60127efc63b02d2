export type { AudioAttributes, ChunkMetadata, ChunkRow, JsonValue } from './chunk-row';
export { samplesPerChannel } from './chunk-row';
export { DEFAULT_FILE_NAMING, chunkFileName } from './chunk-file-name';
export { ChunkWriter, MAX_ROWS_PER_WRITE, type ChunkWriterOptions, type ChunkWritten } from './chunk-writer';
export { type Compression, formatCompression, parseCompression } from './compression';
export { type DatasetDir, type DatasetDirInit, type VerifyMode, listMissingChunks, openDatasetDir } from './dataset-dir';
export { sha256File } from './durable-fs';
export { acquireDatasetLock, type DatasetLock, type DatasetLockOptions, describeHolder, LOCK_DIR, LOCK_HEARTBEAT_MS, LOCK_STALE_MS, type LockHolder, lockHolderState, type LockScope } from './dataset-lock';
export * from './errors';
export { lookup3 } from './lookup3';
export {
  type ChunkEntry, type ChunkManifest, type DatasetInfo, MANIFEST_FILE, type MissingChunk, chunkRowCount,
  isSafeChunkFileName, readManifest, writeManifest,
} from './manifest';
export { DATASET_FORMAT, DATASET_FORMAT_VERSION, VSTDS_VERSION } from './version';
export { writeChunks } from './write-chunks';
