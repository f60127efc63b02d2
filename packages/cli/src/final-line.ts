import type { RunSummary } from '@vstds/pipeline';

/**
 * The last line of `vstds generate`: rows, speed, and what the run cost that a user should know —
 * worker restarts (by cause), rows over full scale, what the plugin printed and where it is.
 */
export function finalLine(summary: RunSummary, outputDir: string): string {
  const parts = [`${summary.rows_per_second.toFixed(1)} rows/s, ${restarts(summary)}`];
  if (summary.rows_over_full_scale > 0) {
    parts.push(`${count(summary.rows_over_full_scale, 'row')} over full scale (max peak ${summary.max_peak_seen!.toFixed(2)})`);
  }
  if (summary.plugin_stderr_lines > 0 && summary.plugin_stderr_log) {
    parts.push(`plugin wrote ${count(summary.plugin_stderr_lines, 'line')} to stderr: ${summary.plugin_stderr_log}`);
  }
  return `vstds generate: ${summary.rows_written} rows in ${outputDir} (${parts.join('; ')})`;
}

function restarts(s: RunSummary): string {
  if (s.worker_restarts === 0) return 'no worker restarts';
  const other = s.worker_restarts - s.crashes - s.timeouts;
  const causes = [
    s.crashes > 0 ? count(s.crashes, 'crash', 'crashes') : '',
    s.timeouts > 0 ? count(s.timeouts, 'timeout') : '',
    other > 0 ? `${other} other` : '',
  ].filter(Boolean);
  return `${count(s.worker_restarts, 'worker restart')}${causes.length ? `: ${causes.join(', ')}` : ''}`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
