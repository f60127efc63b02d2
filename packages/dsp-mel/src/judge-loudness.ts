import type { AudioRow, GateRejection, WithLoudness } from './audio-row';
import { InvalidOptionError } from './errors';
import { integratedLoudness } from './integrated-loudness';
import { findNonFinite } from './validate-audio';

export interface LoudnessGateOptions {
  /** Rows quieter than this (LUFS; -Infinity counts as quieter) are rejected with reason 'quiet'. */
  minLoudness: number;
  /** Reject rows containing NaN/±Infinity (reason 'non-finite'). Default true. */
  rejectNonFinite?: boolean;
  /** Reject rows whose peak |sample| reaches clipLevel (reason 'clipping'). Default false. */
  rejectClipping?: boolean;
  /** Peak level counted as clipping when rejectClipping is on. Default 1.0 (full scale). */
  clipLevel?: number;
}

export type LoudnessVerdict<T extends AudioRow> =
  | { accepted: true; row: WithLoudness<T> }
  | { accepted: false; rejection: GateRejection<T> };

/**
 * The gate's decision for one row, as a pure function (loudnessGate maps it over a stream).
 * Checks run cheapest first: non-finite, clipping, loudness. Malformed rows (mismatched channels,
 * bad sample rate) and rows shorter than one 400 ms block (TooShortForLoudnessError) throw: they
 * come from the configuration or a bug upstream, and re-drawing would fail the same way.
 */
export function judgeLoudness<T extends AudioRow>(
  row: T,
  opts: LoudnessGateOptions,
): LoudnessVerdict<T> {
  const {
    minLoudness,
    rejectNonFinite = true,
    rejectClipping = false,
    clipLevel = 1.0,
  } = opts;
  const reject = (
    reason: GateRejection<T>['reason'],
    detail: string,
    loudness?: number,
  ): LoudnessVerdict<T> => ({
    accepted: false,
    rejection: { row, reason, loudness, detail },
  });
  if (rejectNonFinite) {
    const bad = findNonFinite(row.channels);
    if (bad)
      return reject(
        'non-finite',
        `channels[${bad[0]}][${bad[1]}] is ${String(row.channels[bad[0]]![bad[1]])}`,
      );
  }
  if (rejectClipping) {
    for (let c = 0; c < row.channels.length; c++) {
      const ch = row.channels[c]!;
      for (let i = 0; i < ch.length; i++) {
        if (Math.abs(ch[i]!) >= clipLevel)
          return reject(
            'clipping',
            `|channels[${c}][${i}]| = ${Math.abs(ch[i]!)} >= ${clipLevel}`,
          );
      }
    }
  }
  const loudness = integratedLoudness(row.channels, row.sampleRate);
  if (!(loudness >= minLoudness)) {
    return reject(
      'quiet',
      `${loudness.toFixed(2)} LUFS < min_loudness ${minLoudness}`,
      loudness,
    );
  }
  return { accepted: true, row: { ...row, loudness } };
}

export function validateGateOptions(opts: LoudnessGateOptions): void {
  if (typeof opts?.minLoudness !== 'number' || Number.isNaN(opts.minLoudness)) {
    throw new InvalidOptionError(
      `loudnessGate: minLoudness must be a number (LUFS), found ${String(opts?.minLoudness)}`,
    );
  }
  if (opts.clipLevel !== undefined && !(opts.clipLevel > 0)) {
    throw new InvalidOptionError(
      `loudnessGate: clipLevel must be > 0, found ${String(opts.clipLevel)}`,
    );
  }
}
