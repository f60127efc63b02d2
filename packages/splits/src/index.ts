export { MAX_SPLIT_BLOCKS, SPLIT_ALGORITHM, SPLIT_NAMES, splitBlockRows, type SplitAssignment, type SplitName, type SplitRatios, assignSplits, idsSha256 } from './split-assignment';
export { type CompleteDataset, openCompleteDataset } from './dataset-chunks';
export { DEFAULT_RATIOS, type SplitOptions, parseSeed, writeSplits } from './write-splits';
export { prepareForTraining } from './prepare-for-training';
export { type RowStats, STATS_BATCH_ROWS, computeRowStats, writeStats } from './write-stats';
export { type NpyArray, npyFile, npzFile } from './npz-file';
export { SPLIT_FILES, STATS_FILE, type SplitManifest, type SplitRecord, type StatsRecord } from './split-record';
export * from './errors';
