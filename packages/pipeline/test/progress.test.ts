import { describe, expect, it } from 'vitest';
import { formatProgress, type ProgressSnapshot } from '../src/index';

describe('formatProgress (the terminal bar, the plain lines and the fleet view)', () => {
  it('formats progress with rate, ETA, rejection rate and crashes', () => {
    const p = { rowsTotal: 200, rowsAtStart: 20, rowsAccepted: 40, rowsWritten: 30, attempts: 50, rejections: 5, crashes: 2, timeouts: 1, restarts: 3, elapsedSeconds: 10 };
    expect(formatProgress(p, 10)).toBe('[###-------] 60/200 rows (50 written)  4.0 rows/s  5.0 attempts/s  ETA 0:35  rejected 10.0%  crashes 2  timeouts 1');
  });

  it('progress counts accepted rows from the first one on, before any reaches the writer', () => {
    const line = formatProgress({ rowsTotal: 20, rowsAtStart: 0, rowsAccepted: 3, rowsWritten: 0, attempts: 12, rejections: 9, crashes: 0, timeouts: 0, restarts: 0, elapsedSeconds: 6 });
    expect(line).toBe('3/20 rows (0 written)  0.5 rows/s  2.0 attempts/s  ETA 0:34  rejected 75.0%  crashes 0');
  });

  it('a fleet snapshot (no per-attempt counts) shows chunks and workers instead of attempts, rejections and crashes', () => {
    const p: ProgressSnapshot = {
      rowsTotal: 100, rowsAtStart: 0, rowsAccepted: 30, rowsWritten: 20, elapsedSeconds: 10, rowsPerSecond: 2,
      chunks: { done: 2, total: 10 }, workers: { 'b:2': { chunks: 1, rows: 10, active: 0 }, 'a:1': { chunks: 1, rows: 20, active: 1 } }, failedAttempts: 1,
    };
    expect(formatProgress(p)).toBe('30/100 rows (20 written)  2.0 rows/s  ETA 0:35  2/10 chunks  2 workers [a:1 1 chunks +1 running, b:2 1 chunks]  failed attempts 1');
  });
});
