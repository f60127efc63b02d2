import type { MelSpectrogram } from './mel-spectrogram';

/** The least a pipeline row must carry for this package's operators: planar audio and its rate. */
export interface AudioRow {
  channels: Float32Array[];
  sampleRate: number;
}

/** Why loudnessGate turned a row away. */
export type RejectReason = 'quiet' | 'non-finite' | 'clipping';

/** A rejected row, its reason, and what was measured (for logs and re-draw statistics). */
export interface GateRejection<T extends AudioRow> {
  row: T;
  reason: RejectReason;
  /** Integrated loudness in LUFS when it was measured (reason 'quiet'), else undefined. */
  loudness: number | undefined;
  /** Human-readable detail, e.g. "-74.60 LUFS < min_loudness -60". */
  detail: string;
}

export type WithLoudness<T> = T & { loudness: number };
export type WithMel<T> = T & { mel: MelSpectrogram };
