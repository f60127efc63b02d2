/** JSON as stored in attributes and the manifest. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One finished dataset row, as the writer stores it. Storage knows nothing of plugins: the caller
 * converts audio to IEEE half-precision bits and serialises the parameters.
 */
export interface ChunkRow {
  globalId: number;
  /** float16 bits, channel-major: channels × samples. */
  audio: Uint16Array;
  /** log-mel spectrogram, channels × nMels × frames. */
  mel: Float32Array;
  /** The encoded parameter vector. */
  paramArray: Float32Array;
  /** The row's synth and note parameters; an object is JSON-serialised, a string is stored as is. */
  parameters: string | { [key: string]: JsonValue };
  midiNote: number;
  velocity: number;
  /**
   * A preset dataset's row: the preset file (relative to the preset folder) and its sha256 (hex),
   * stored in the optional `preset_files` / `preset_sha256` datasets. All rows of a chunk have
   * one or none.
   */
  preset?: { file: string; sha256: string };
  /**
   * max |sample| over the row's channels, measured before float16 conversion (stored in `peaks`
   * from dataset format version 2 on). NaN or absent: not measured.
   */
  peak?: number;
  /**
   * Called once the writer has copied audio and mel into the file and holds no view of them, so
   * their producer can reuse the memory (vstds' worker pool does, for its 1 MB answers).
   */
  release?: () => void;
}

/** Attributes stored on the `audio` dataset (the seed's names). */
export interface AudioAttributes {
  sample_rate: number;
  channels: number;
  signal_duration_seconds: number;
  note_duration_seconds: number;
  min_loudness: number;
  /** Fixed velocity or the [lo, hi] range velocities were drawn from. */
  velocity: number | [number, number];
  min_pitch: number;
  max_pitch: number;
}

/** What every chunk file of a dataset carries besides its rows. */
export interface ChunkMetadata {
  audio: AudioAttributes;
  /** Parameter names in encoding order (stored as a JSON array in the root attribute `param_names`). */
  paramNames: string[];
  /** The parameter spec (root attribute `param_spec`, JSON). */
  paramSpec: JsonValue;
  /** Plugin identity: name, vendor, version, format, uid, path… (root attribute `plugin`, JSON). */
  plugin: JsonValue;
  seed: number | string;
  /** Mel bands per frame; default 128. */
  nMels?: number;
  /** Stored in the root attribute `vstds_version`; default this package's version. */
  vstdsVersion?: string;
}

/** Samples per channel: sample_rate · signal_duration_seconds, rounded. */
export function samplesPerChannel(a: AudioAttributes): number {
  return Math.round(a.sample_rate * a.signal_duration_seconds);
}
