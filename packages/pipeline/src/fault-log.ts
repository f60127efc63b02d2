import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineEvent, RowResult } from '@vstds/workers';
import { FAULTS_FILE } from './output-dir-state';

/**
 * The re-draw loop's record of plugin faults: each patch that killed two workers goes to
 * faults.jsonl in the output dir (parameters and notes, to reproduce it) and to the log.
 */
export function faultLog(dir: string, log: (line: string) => void): (r: Exclude<RowResult, { kind: 'accepted' }>) => void {
  return (r) => {
    if (r.kind !== 'fault') return;
    const { id, attempt, params, notes } = r.job;
    appendFileSync(join(dir, FAULTS_FILE), `${JSON.stringify({ global_id: id, attempt, kind: r.fault, detail: r.detail, params, notes })}\n`);
    log(`row ${id} attempt ${attempt}: plugin ${r.fault} on these parameters, re-drawing: ${JSON.stringify(params)}`);
  };
}

/** A log line for a worker death whose row is retried unchanged (the second death is a fault). */
export function retryLine(e: PipelineEvent): string | undefined {
  if ((e.type !== 'crash' && e.type !== 'timeout') || e.outcome !== 'retry') return undefined;
  return `worker ${e.type === 'crash' ? 'crashed' : 'timed out'} (${e.detail}); retrying its row unchanged on a fresh worker`;
}
