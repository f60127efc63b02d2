export type { AudioAttributes, ChunkMetadata, ChunkRow, JsonValue } from './chunk-row';
export { samplesPerChannel } from './chunk-row';
export { DEFAULT_FILE_NAMING, chunkFileName } from './chunk-file-name';
export {
  CHUNK_DATASETS, CHUNK_SCHEMA, type ChunkDatasetName, type DatasetMetadataLike, type DatasetSchema, H5T_FLOAT, H5T_INTEGER, H5T_STRING,
  ROW_ARRAYS, type RowArrayName, checkChunkSchema, OPTIONAL_CHUNK_DATASETS, OPTIONAL_CHUNK_SCHEMA, type OptionalChunkDatasetName,
  chunkDatasets, type ChunkShapes, type CoreChunkDatasetName, DATASET_SINCE_VERSION,
} from './chunk-schema';
export { ChunkWriter, MAX_ROWS_PER_WRITE, type ChunkWriterOptions, type ChunkWritten } from './chunk-writer';
export { FileHasher } from './file-hasher';
export {
  type ArrayCompression, CODECS, COMPRESSION_CHOICES, type CodecName, type Compression, type CompressionSetting, DEFAULT_COMPRESSION,
  type FilterSettings, NO_COMPRESSION, codecFilterId, codecOfFilters, filterPluginDir, filterSettings, formatArrayCompression, formatCompression, parseCompression,
} from './compression';
export { type DatasetDir, type DatasetDirInit, type VerifyMode, ensureWritableDir, listMissingChunks, openDatasetDir } from './dataset-dir';
export { freeBytes, fsyncDir, fsyncPath, fsyncPathAsync, sha256File, writeFileAtomic } from './durable-fs';
export { acquireDatasetLock, type DatasetLock, type DatasetLockOptions, describeHolder, LOCK_DIR, LOCK_HEARTBEAT_MS, LOCK_STALE_MS, type LockHolder, lockHolderState, type LockScope } from './dataset-lock';
export * from './errors';
export { type H5Wasm, loadH5wasm } from './h5wasm-module';
export { lookup3 } from './lookup3';
export {
  type ArrayCodecEntry, type ChunkEntry, type ChunkManifest, type DatasetInfo, type DatasetInfoInit, MANIFEST_FILE, type MissingChunk,
  buildDatasetInfo, chunkRowCount, isSafeChunkFileName, readManifest, writeManifest,
} from './manifest';
export { type ExpectedChunk, readBackChunk } from './read-back-chunk';
export { DATASET_FORMAT, DATASET_FORMAT_VERSION, VSTDS_VERSION } from './version';
export { writeChunks } from './write-chunks';
