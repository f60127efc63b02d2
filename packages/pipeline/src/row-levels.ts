/** What the run summary says about the stored rows' peak levels. */
export interface RowLevelsSummary {
  /** Highest per-row peak (max |sample|) among the rows this run stored; null before any. */
  max_peak_seen: number | null;
  /** Stored rows whose peak exceeds full scale (|x| > 1.0). */
  rows_over_full_scale: number;
  /** Stored rows whose peak exceeds max_peak (kept by clip_policy: keep); null without max_peak. */
  rows_over_max_peak: number | null;
}

/** Tallies the peaks of the rows a run stores (the level check's half that lives in the main process). */
export class RowLevels {
  private max: number | null = null;
  private overFullScale = 0;
  private overMax = 0;

  constructor(private readonly maxPeak: number | null) {}

  observe(peak: number | undefined): void {
    if (peak === undefined || Number.isNaN(peak)) return;
    this.max = this.max === null ? peak : Math.max(this.max, peak);
    if (peak > 1) this.overFullScale++;
    if (this.maxPeak !== null && peak > this.maxPeak) this.overMax++;
  }

  summary(): RowLevelsSummary {
    return { max_peak_seen: this.max, rows_over_full_scale: this.overFullScale, rows_over_max_peak: this.maxPeak === null ? null : this.overMax };
  }
}
