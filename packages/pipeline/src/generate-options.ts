export interface GenerateOptions {
  /** Delete a dataset already in output_dir and start over. */
  overwrite?: boolean;
  /** Log lines (faults, resume notes) and progress display; default: none. */
  log?: (line: string) => void;
  progress?: { write: (text: string) => void; tty: boolean };
  /** Rows in flight (bounded memory while a slow row holds the writer); default 8 × workers, ≥ 16. */
  window?: number;
}

/** The chunk-level entry's options: which chunks, where, on how many render workers. */
export interface ChunkRunOptions {
  /** Directory to write into (a staging directory; its manifest is thrown away by the caller). */
  dir: string;
  chunks: readonly number[];
  renderWorkers?: number;
  log?: (line: string) => void;
  /** Called with the rows accepted so far (rendered and kept, in any order). */
  onRows?: (rowsAccepted: number) => void;
}

/** What the default pipeline runs with: a dataset dir, or chunks of one. */
export type RunOptions = Omit<GenerateOptions, 'overwrite'> & Partial<ChunkRunOptions> & { dir: string; resuming?: boolean };
