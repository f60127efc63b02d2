import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const RUN_SUMMARY_FILE = 'run_summary.json';

/** The fields of `run_summary.json` the report shows (the CLI writes more; unknown keys are kept). */
export interface RunSummary {
  status?: string;
  wall_seconds?: number;
  rows_total?: number;
  rows_written?: number;
  rows_resumed?: number;
  rows_per_second?: number;
  attempts?: number;
  rejections?: Record<string, number>;
  crashes?: number;
  timeouts?: number;
  plugin_faults?: number;
  num_workers?: number;
  stage_ms?: Record<string, number>;
  [key: string]: unknown;
}

/** Reads DIR/run_summary.json; a missing or unreadable file is a note for the page, not a failure. */
export function readRunSummary(dir: string): { summary?: RunSummary; problem?: string } {
  const path = join(dir, RUN_SUMMARY_FILE);
  if (!existsSync(path)) return { problem: `${path}: not found (the run was interrupted, is still going, or was made by another tool): run figures are not shown` };
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: `${path}: expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}` };
    return { summary: value as RunSummary };
  } catch (err) {
    return { problem: `${path}: expected JSON, got a parse error: ${(err as Error).message}` };
  }
}
