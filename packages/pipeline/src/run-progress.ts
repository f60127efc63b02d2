import type { PipelineEvent } from '@vstds/workers';

/** Where a run stands, from the pipeline's events: what the terminal bar, the log lines and chunk jobs show. */
export interface ProgressSnapshot {
  rowsTotal: number;
  /** Rows present before this run (resume). */
  rowsAtStart: number;
  /** Rows rendered and accepted by this run (in any order). */
  rowsAccepted: number;
  /** Rows handed to the chunk writer by this run (in id order). */
  rowsWritten: number;
  attempts: number;
  rejections: number;
  crashes: number;
  timeouts: number;
  /** Worker processes started to replace dead ones. */
  restarts: number;
  elapsedSeconds: number;
}

/**
 * The one progress model of a run, fed by the pipeline's events (and the writer's rows): counts,
 * rejection reasons and stage times. Rates and ETA come from accepted rows, so they move from the
 * first accepted row on, not only when a chunk's rows reach the writer in order.
 */
export class RunProgress {
  rowsAccepted = 0;
  rowsWritten = 0;
  attempts = 0;
  rejections: Record<string, number> = {};
  faults = 0;
  crashes = 0;
  timeouts = 0;
  workerStarts = 0;
  restarts = 0;
  readonly stageMs: Record<string, number> = { render: 0, plugin: 0, gate: 0, mel: 0, float16: 0, write: 0 };
  private readonly started = performance.now();

  constructor(
    public rowsTotal: number,
    public rowsAtStart = 0,
  ) {}

  observe(e: PipelineEvent): void {
    switch (e.type) {
      case 'started':
        this.attempts++;
        return;
      case 'row-done':
        this.rowsAccepted++;
        this.addMs(e.ms);
        return;
      case 'rejected':
        this.reject(e.reason);
        this.addMs(e.ms);
        return;
      case 'fault':
        this.faults++;
        this.reject(e.kind);
        return;
      case 'crash':
        this.crashes++;
        return;
      case 'timeout':
        this.timeouts++;
        return;
      case 'worker-start':
        this.workerStarts++;
        if (e.replacement) this.restarts++;
        return;
    }
  }

  snapshot(): ProgressSnapshot {
    return {
      rowsTotal: this.rowsTotal,
      rowsAtStart: this.rowsAtStart,
      rowsAccepted: this.rowsAccepted,
      rowsWritten: this.rowsWritten,
      attempts: this.attempts,
      rejections: Object.values(this.rejections).reduce((a, b) => a + b, 0),
      crashes: this.crashes,
      timeouts: this.timeouts,
      restarts: this.restarts,
      elapsedSeconds: (performance.now() - this.started) / 1000,
    };
  }

  private reject(reason: string): void {
    this.rejections[reason] = (this.rejections[reason] ?? 0) + 1;
  }

  private addMs(ms: Record<string, number>): void {
    for (const [k, v] of Object.entries(ms)) this.stageMs[k] = (this.stageMs[k] ?? 0) + v;
  }
}
