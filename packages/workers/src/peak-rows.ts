import { peakLevel } from '@vstds/dsp-mel';
import { map, type OperatorFunction } from 'rxjs';
import type { RowRejected, StageRow } from './stage-row';
import { whenAccepted } from './when-accepted';

/** What to do with a row whose peak exceeds maxPeak. */
export type ClipPolicy = 'reject' | 'keep';

export interface PeakRowsOptions {
  /** Linear peak level (1.0 = full scale) above which the policy applies; null/absent: no threshold. */
  maxPeak?: number | null;
  /** 'reject': the row is re-drawn (reason 'clipped'); 'keep' (default): it is stored. */
  clipPolicy?: ClipPolicy;
}

/**
 * The level check next to the loudness gate: each row gets its peak (dsp-mel's peakLevel, on the
 * float32 render) to store, and with `clipPolicy: 'reject'` a row above `maxPeak` becomes a
 * rejection with reason 'clipped', re-drawn like a quiet row.
 */
export function peakRows<T extends StageRow>(opts: PeakRowsOptions = {}): OperatorFunction<T | RowRejected, (T & { peak: number }) | RowRejected> {
  const max = opts.maxPeak ?? null;
  const reject = opts.clipPolicy === 'reject' && max !== null;
  return whenAccepted(
    map((row: T): (T & { peak: number }) | RowRejected => {
      const peak = peakLevel(row.channels);
      if (reject && peak > max) return { kind: 'rejected', reason: 'clipped', detail: `peak ${peak.toFixed(4)} > max_peak ${max}`, ms: row.ms };
      return Object.assign(row, { peak });
    }),
  );
}
