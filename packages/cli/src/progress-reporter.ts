/** Counters the progress display and run_summary.json share. */
export interface ProgressCounts {
  rowsDone: number;
  rowsTotal: number;
  /** Rows already present when the run started (resume); excluded from the rate. */
  rowsAtStart: number;
  attempts: number;
  rejections: number;
  crashes: number;
  timeouts: number;
}

/** Seconds as m:ss or h:mm:ss; '--:--' when unknown (an ETA with no rate yet). */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One progress line: rows done/total, rows/s, ETA, rejection rate, crashes (and timeouts). */
export function formatProgress(c: ProgressCounts, elapsedSeconds: number, barWidth = 0): string {
  const fresh = c.rowsDone - c.rowsAtStart;
  const rate = elapsedSeconds > 0 ? fresh / elapsedSeconds : 0;
  const eta = rate > 0 ? (c.rowsTotal - c.rowsDone) / rate : Infinity;
  const rejected = c.attempts > 0 ? (100 * c.rejections) / c.attempts : 0;
  const bar =
    barWidth > 0
      ? `[${'#'.repeat(Math.round((barWidth * c.rowsDone) / Math.max(1, c.rowsTotal))).padEnd(barWidth, '-')}] `
      : '';
  return (
    `${bar}${c.rowsDone}/${c.rowsTotal} rows  ${rate.toFixed(1)} rows/s  ETA ${clock(eta)}  ` +
    `rejected ${rejected.toFixed(1)}%  crashes ${c.crashes}${c.timeouts ? `  timeouts ${c.timeouts}` : ''}`
  );
}

/**
 * Prints progress to a stream: a redrawn bar on a TTY, else a plain line every `intervalMs`.
 */
export class ProgressReporter {
  private readonly started = Date.now();
  private lastLine = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly counts: () => ProgressCounts,
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
    private readonly intervalMs = tty ? 200 : 5000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  tick(): void {
    const line = formatProgress(this.counts(), (Date.now() - this.started) / 1000, this.tty ? 30 : 0);
    if (this.tty) this.write(`\r${line}\x1b[K`);
    else this.write(`${line}\n`);
    this.lastLine = Date.now();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.lastLine > 0 || this.tty) this.tick();
    if (this.tty) this.write('\n');
  }
}
