import type { NoteEvent } from '@vstds/midi';
import type { NoteParams } from '@vstds/param-spec';
import type { StageTimes } from './pipeline-event';

/**
 * One drawn row as it goes to a worker: its key (global id, attempt), the synth parameters, the
 * note parameters and notes, and the encoded parameter vector (plain structured-clone data).
 */
export interface RowJob {
  id: number;
  attempt: number;
  params: Record<string, number>;
  noteParams: NoteParams;
  notes: NoteEvent[];
  encoded: Float32Array;
  /**
   * A preset row (presetDraw): the worker loads this preset file as the base state and renders it
   * as it is; `params` then hold the values read back from it (for the record), not overrides.
   */
  preset?: PresetRef;
}

/** A preset file as a row job names it: its path, its name in the preset folder, the sha256 it had when the dataset was started. */
export interface PresetRef {
  path: string;
  /** Relative to the preset folder: what the chunk stores per row (preset_files). */
  file: string;
  sha256: string;
}

/** What a worker's stages return for a kept row: the arrays to store. */
export interface StoredRowData {
  /** float16 bits, channels × samples. */
  audio: Uint16Array;
  /** dB mel, channels × 128 × frames. */
  mel: Float32Array;
  /** Integrated loudness (LUFS) when the stages measured it. */
  loudness?: number;
  /** max |sample| over channels of the float32 render (stored per row in `peaks`). */
  peak?: number;
}

/** A worker's stored arrays as the main process receives them. */
export interface ReceivedRowData extends StoredRowData {
  /** With inWorkers' `recycleArrays`: call once audio and mel are copied; their memory is then reused. */
  release?: () => void;
}

/** A worker's answer for one row: kept (the arrays) or rejected (why), with stage times. */
export type StageOutput =
  | ({ kind: 'accepted'; ms: StageTimes } & StoredRowData)
  | { kind: 'rejected'; reason: string; detail: string; ms: StageTimes };

/** What the parallel operator emits per row job: the worker's answer, or a fault (the row killed two processes). */
export type RowResult =
  | { kind: 'accepted'; job: RowJob; row: ReceivedRowData; ms: StageTimes }
  | { kind: 'rejected'; job: RowJob; reason: string; detail: string; ms: StageTimes }
  | { kind: 'fault'; job: RowJob; fault: 'crash' | 'timeout'; detail: string };

/** A row the re-draw loop settled on: the accepted draw and its arrays. */
export interface AcceptedRow {
  job: RowJob;
  row: ReceivedRowData;
  ms: StageTimes;
}
