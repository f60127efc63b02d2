import { filter, map, type OperatorFunction, pipe } from 'rxjs';
import type { AudioRow, GateRejection, WithLoudness } from './audio-row';
import {
  judgeLoudness,
  type LoudnessGateOptions,
  type LoudnessVerdict,
  validateGateOptions,
} from './judge-loudness';

export interface LoudnessGateOperatorOptions<T extends AudioRow>
  extends LoudnessGateOptions {
  /**
   * Side channel for rejected rows, called synchronously before the next row is judged. Pass a
   * Subject's `next` (`onReject: (r) => rejected$.next(r)`) to get them as a stream and re-draw.
   */
  onReject?: (rejection: GateRejection<T>) => void;
}

/**
 * Emits accepted rows with their integrated loudness attached (`{ ...row, loudness }`); rejected
 * rows go to `onReject` with their reason. Use loudnessVerdict instead to keep both in one stream.
 */
export function loudnessGate<T extends AudioRow>(
  opts: LoudnessGateOperatorOptions<T>,
): OperatorFunction<T, WithLoudness<T>> {
  validateGateOptions(opts);
  return pipe(
    loudnessVerdict<T>(opts),
    filter((v): v is Extract<LoudnessVerdict<T>, { accepted: true }> => {
      if (!v.accepted) opts.onReject?.(v.rejection);
      return v.accepted;
    }),
    map((v) => v.row),
  );
}

/** Maps each row to its verdict (accepted row with loudness, or rejection); pair with rxjs partition. */
export function loudnessVerdict<T extends AudioRow>(
  opts: LoudnessGateOptions,
): OperatorFunction<T, LoudnessVerdict<T>> {
  validateGateOptions(opts);
  return map((row) => judgeLoudness(row, opts));
}
