import type { ProgressSnapshot } from './run-progress';

/** Seconds as m:ss or h:mm:ss; '--:--' when unknown (an ETA with no rate yet). */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * One progress line: rows accepted (and written) of the total, accepted rows/s, attempts/s, ETA
 * from the accepted rate, rejection rate, crashes and timeouts.
 */
export function formatProgress(p: ProgressSnapshot, barWidth = 0): string {
  const t = p.elapsedSeconds;
  const rate = t > 0 ? p.rowsAccepted / t : 0;
  const attemptRate = t > 0 ? p.attempts / t : 0;
  const done = p.rowsAtStart + p.rowsAccepted;
  const eta = rate > 0 ? (p.rowsTotal - done) / rate : Infinity;
  const rejected = p.attempts > 0 ? (100 * p.rejections) / p.attempts : 0;
  const bar = barWidth > 0 ? `[${'#'.repeat(Math.round((barWidth * done) / Math.max(1, p.rowsTotal))).padEnd(barWidth, '-')}] ` : '';
  return (
    `${bar}${done}/${p.rowsTotal} rows (${p.rowsAtStart + p.rowsWritten} written)  ${rate.toFixed(1)} rows/s  ` +
    `${attemptRate.toFixed(1)} attempts/s  ETA ${clock(eta)}  rejected ${rejected.toFixed(1)}%  crashes ${p.crashes}` +
    `${p.timeouts ? `  timeouts ${p.timeouts}` : ''}`
  );
}

/** Prints progress to a stream: a redrawn bar on a TTY, else a plain line every `intervalMs`. */
export class ProgressReporter {
  private lastLine = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly snapshot: () => ProgressSnapshot,
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
    private readonly intervalMs = tty ? 200 : 5000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  tick(): void {
    const line = formatProgress(this.snapshot(), this.tty ? 30 : 0);
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
