import type { GenerateConfig } from '@vstds/pipeline';

/** One finished chunk file, as a chunk runner reports it (the manifest's chunk entry). */
export interface ChunkResult {
  chunkIndex: number;
  /** File name inside the output directory. */
  file: string;
  numSamples: number;
  bytes: number;
  sha256: string;
}

export interface ChunkRunArgs {
  /** The resolved config (as `loadConfig` returns it): row content depends on it and the chunk index only. */
  config: GenerateConfig;
  chunkIndex: number;
  /**
   * Directory to write the chunk file into (a private staging directory: the caller moves the
   * file into the dataset directory). The runner writes `<file>.partial`, then renames.
   */
  outputDir: string;
  /** Render worker processes for this chunk (default: config.num_workers). */
  renderWorkers?: number;
  signal?: AbortSignal;
  /** Called with the number of rows finished so far in this chunk. */
  onRows?: (rowsDone: number) => void;
  /** Free-text log lines (faults, crashes). */
  log?: (line: string) => void;
}

/**
 * Makes exactly one chunk file: rows [c·S, min((c+1)·S, num_samples)) of the dataset the config
 * describes, byte-identical whoever runs it. It does not write dataset_info.json.
 */
export type ChunkRunner = (args: ChunkRunArgs) => Promise<ChunkResult>;

/** A module a worker loads to make chunks: exports `runChunk`. */
export interface ChunkRunnerModule {
  runChunk: ChunkRunner;
}
