import type { RunSummary } from '@vstds/pipeline';
import { describe, expect, it } from 'vitest';
import { finalLine } from './final-line';

const base = {
  rows_written: 20, rows_per_second: 42.71, worker_restarts: 0, crashes: 0, timeouts: 0,
  rows_over_full_scale: 0, max_peak_seen: 0.8, plugin_stderr_lines: 0, plugin_stderr_log: null,
} as unknown as RunSummary;

describe('finalLine', () => {
  it('says there were no worker restarts, and nothing else, for a clean run', () => {
    expect(finalLine(base, '/d')).toBe('vstds generate: 20 rows in /d (42.7 rows/s, no worker restarts)');
  });

  it('names restarts by cause, rows over full scale and what the plugin printed', () => {
    const s = { ...base, worker_restarts: 4, crashes: 2, timeouts: 1, rows_over_full_scale: 3, max_peak_seen: 21.875, plugin_stderr_lines: 26, plugin_stderr_log: '/d/logs/plugin-stderr.log' };
    expect(finalLine(s, '/d')).toBe(
      'vstds generate: 20 rows in /d (42.7 rows/s, 4 worker restarts: 2 crashes, 1 timeout, 1 other; ' +
        '3 rows over full scale (max peak 21.88); plugin wrote 26 lines to stderr: /d/logs/plugin-stderr.log)',
    );
    expect(finalLine({ ...base, worker_restarts: 1, crashes: 1, rows_over_full_scale: 1, max_peak_seen: 1.5 }, '/d')).toBe(
      'vstds generate: 20 rows in /d (42.7 rows/s, 1 worker restart: 1 crash; 1 row over full scale (max peak 1.50))',
    );
  });
});
