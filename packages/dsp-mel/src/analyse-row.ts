import type { AudioRow, GateRejection } from './audio-row';
import { toFloat16BitsPlanar } from './float16';
import {
  judgeLoudness,
  type LoudnessGateOptions,
  validateGateOptions,
} from './judge-loudness';
import type { FftBackendName } from './mel-backend';
import {
  computeMel,
  type MelSpectrogram,
  type MelSpectrogramOptions,
} from './mel-spectrogram';

/**
 * Output arrays to fill instead of allocating new ones. A fresh 0.4–0.7 MB typed array costs about
 * a millisecond (zeroed pages, GC pressure), more than the F16C conversion itself; a worker that
 * sends each row before analysing the next (IPC serialises synchronously) can reuse one pair.
 */
export interface RowBuffers {
  /** channels × 128 × frames values. */
  mel?: Float32Array;
  /** channels × samples values. */
  audio?: Uint16Array;
}

export interface AnalyseRowOptions
  extends LoudnessGateOptions,
    MelSpectrogramOptions {}

/** What a worker stores for an accepted row, or why the row was turned away. */
export type RowAnalysis =
  | {
      accepted: true;
      /** Integrated loudness, LUFS (the same number judgeLoudness gives). */
      loudness: number;
      mel: MelSpectrogram;
      /** float16 bits of the audio, planar: channel c at [c·n, (c+1)·n). */
      audio: Uint16Array;
      /** Which path computed the mel spectrogram. */
      backend: FftBackendName;
    }
  | { accepted: false; rejection: GateRejection<AudioRow> };

/**
 * One row's whole analysis: the loudness gate (judgeLoudness), then — only for accepted rows — the
 * mel spectrogram (melSpectrogram) and the float16 audio (toFloat16Bits per channel, concatenated).
 * Each result has the same bits as those functions give separately; this saves the repeated input
 * checks, the per-channel float16 copies and the mel work on rejected rows; with `into` it also
 * saves the output allocations (the result then refers to those arrays).
 */
export function analyseRow(
  channels: Float32Array[],
  sampleRate: number,
  opts: AnalyseRowOptions,
  into: RowBuffers = {},
): RowAnalysis {
  validateGateOptions(opts);
  const verdict = judgeLoudness({ channels, sampleRate }, opts);
  if (!verdict.accepted)
    return { accepted: false, rejection: verdict.rejection };
  // The gate has already refused NaN/±Infinity unless told not to; then mel must refuse them itself.
  const { mel, backend } = computeMel(
    channels,
    sampleRate,
    opts,
    opts.rejectNonFinite === false,
    into.mel,
  );
  return {
    accepted: true,
    loudness: verdict.row.loudness,
    mel,
    audio: toFloat16BitsPlanar(channels, into.audio),
    backend,
  };
}
