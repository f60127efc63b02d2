import type { GenerateConfig } from '@vstds/pipeline';
import type { ChunkResult } from './chunk-runner';

/** Default BullMQ queue name and key prefix of vstds. */
export const DEFAULT_QUEUE_NAME = 'vstds-chunks';
export const QUEUE_PREFIX = 'vstds';
/** BullMQ job name of a chunk job. */
export const CHUNK_JOB_NAME = 'chunk';

/** What a chunk job carries: everything a worker needs, so workers need no config file. */
export interface ChunkJobData {
  datasetId: string;
  chunkIndex: number;
  numSamples: number;
  /** Dataset directory on shared storage (the same path on every machine). */
  outputDir: string;
  config: GenerateConfig;
}

/** Progress a chunk job reports with updateProgress. */
export interface ChunkJobProgress {
  rows: number;
  total: number;
  /** host:pid of the worker process running the job. */
  worker: string;
}

/** What a completed chunk job returns. */
export interface ChunkJobResult extends ChunkResult {
  worker: string;
  seconds: number;
  /** The file was already in place (an earlier attempt finished it), so nothing was rendered. */
  reused: boolean;
}
