export { ChunkedDatasetReader, type ChunkView } from './chunked-dataset-reader';
export { CHUNK_DATASETS, type ChunkDatasetName, type ChunkRowValues } from './chunk-file';
export type { DamagedChunk, DatasetSummary, Sample, ValidationReport } from './sample';
export { halfToFloat32 } from './half-to-float';
export { sampleWithoutReplacement, splitmix64 } from './seeded-random';
export * from './errors';
export { melSpectrogramPng } from './png-image';
export { audioElementHtml, wavFile } from './wav-file';
export { histogramSvg } from './histogram-svg';
