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
 * One progress line for every view (TTY bar, plain lines, fleet): rows accepted (and written) of
 * the total, rows/s, attempts/s, ETA from the accepted rate, rejection rate, crashes and timeouts;
 * chunks and per-worker counts for a fleet. A count the snapshot does not have is left out.
 */
export function formatProgress(p: ProgressSnapshot, barWidth = 0): string {
  const t = p.elapsedSeconds;
  const average = t > 0 ? p.rowsAccepted / t : 0;
  const rate = p.rowsPerSecond ?? average;
  const done = p.rowsAtStart + p.rowsAccepted;
  const etaRate = rate || average;
  const eta = etaRate > 0 ? (p.rowsTotal - done) / etaRate : Infinity;
  const bar = barWidth > 0 ? `[${'#'.repeat(Math.round((barWidth * done) / Math.max(1, p.rowsTotal))).padEnd(barWidth, '-')}] ` : '';
  const parts = [`${bar}${done}/${p.rowsTotal} rows (${p.rowsAtStart + p.rowsWritten} written)`, `${rate.toFixed(1)} rows/s`];
  if (p.attempts !== undefined) parts.push(`${(t > 0 ? p.attempts / t : 0).toFixed(1)} attempts/s`);
  parts.push(`ETA ${clock(eta)}`);
  if (p.attempts !== undefined) parts.push(`rejected ${(p.attempts > 0 ? (100 * (p.rejections ?? 0)) / p.attempts : 0).toFixed(1)}%`);
  if (p.crashes !== undefined) parts.push(`crashes ${p.crashes}`);
  if (p.timeouts) parts.push(`timeouts ${p.timeouts}`);
  if (p.chunks) parts.push(`${p.chunks.done}/${p.chunks.total} chunks`);
  if (p.workers) {
    const workers = Object.entries(p.workers)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([w, n]) => `${w} ${n.chunks} chunks${n.active ? ` +${n.active} running` : ''}`);
    parts.push(`${workers.length} workers${workers.length ? ` [${workers.join(', ')}]` : ''}`);
  }
  if (p.failedAttempts) parts.push(`failed attempts ${p.failedAttempts}`);
  if (p.stalls) parts.push(`stalled ${p.stalls}`);
  return parts.join('  ');
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

  /** Stops; the last line is printed when lines were (or `finalLine`), so the log ends with the totals. */
  stop(finalLine = false): void {
    if (this.timer) clearInterval(this.timer);
    if (this.lastLine > 0 || this.tty || finalLine) this.tick();
    if (this.tty) this.write('\n');
  }
}
