/** One dataset row, with the seed's Python reader's snake_case keys. */
export interface Sample {
  global_id: number;
  chunk_index: number;
  /** Row inside its chunk file. */
  row: number;
  midi_note: number;
  velocity: number;
  /** One Float32Array per channel (converted from the stored float16). */
  audio: Float32Array[];
  /** One Float32Array per channel, n_mels × frames, mel-major. */
  mel_spec: Float32Array[];
  param_array: Float32Array;
  /** Synth and note parameters decoded from param_array with the dataset's spec. */
  params: Record<string, number | [number, number]>;
  /** The row's stored `parameters` JSON, parsed. */
  parameters: unknown;
  /** A preset dataset's row: the preset file (relative to the preset folder) and its sha256. Absent otherwise. */
  preset?: { file: string; sha256: string };
  /** max |sample| over channels before float16 (NaN: not measured); null in datasets from before per-row peaks. */
  peak: number | null;
}

/** What `getDatasetInfo()` reports. */
export interface DatasetSummary {
  /** Rows readable now (sum over available chunks). */
  total_samples: number;
  /** Available chunk files. */
  num_chunks: number;
  /** Rows and chunks the dataset was planned with (manifest), equal to the above when complete. */
  planned_samples: number;
  planned_chunks: number;
  samples_per_file: number;
  sample_rate: number;
  channels: number;
  signal_duration_seconds: number;
  note_duration_seconds: number;
  samples_per_channel: number;
  n_mels: number;
  frames: number;
  min_loudness: number;
  min_pitch: number;
  max_pitch: number;
  velocity: number | number[];
  param_names: string[];
  encoded_width: number;
  plugin: unknown;
  seed: unknown;
  spec: unknown;
  config: unknown;
  vstds_version: string;
  /** The codecs as the manifest records them (`blosc:lz4:5`, or `audio=…, mel_spec=…`). */
  compression: string;
  /** The codec of each row array as the first readable chunk file stores it. */
  codecs: { audio: string; mel_spec: string };
  /** Bytes of the readable chunk files, and per row; raw = uncompressed row payload (audio + mel + params). */
  bytes_on_disk: number;
  bytes_per_row: number;
  raw_bytes_per_row: number;
  /** Where the chunk list came from. */
  source: 'manifest' | 'scan';
  chunks: { index: number; file: string; first_global_id: number; num_samples: number }[];
  /** Chunks listed (or found) but not readable: missing file, wrong size, not HDF5, wrong schema. Not in `chunks`. */
  damaged_chunks: DamagedChunk[];
  /** Planned chunks the manifest does not list as complete (not written yet). */
  missing_chunks: number[];
}

/** A chunk the reader leaves out, and why. */
export interface DamagedChunk {
  /** Chunk index (null for a file found by a scan that does not open). */
  index: number | null;
  file: string;
  reason: string;
}

/** Result of `validate()`. */
export interface ValidationReport {
  ok: boolean;
  checked_samples: number;
  problems: string[];
  missing_chunks: number[];
  chunks: { index: number; file: string; ok: boolean; num_samples: number; problems: string[] }[];
}
