/** Identifies the row (and which draw of it) an event is about. */
export interface RowRef {
  id: number;
  attempt: number;
}

/**
 * What the parallel stage reports while it runs, as plain data (one stream for the terminal bar,
 * log lines, run summaries and fleet views). `crash`/`timeout` with outcome 'retry' means the row
 * goes unchanged to a fresh process; 'fault' means it died twice and comes back as a fault value.
 */
export type PipelineEvent =
  | { type: 'worker-start'; pid: number; replacement: boolean }
  | ({ type: 'started' } & RowRef)
  | ({ type: 'row-done'; ms: StageTimes } & RowRef)
  | ({ type: 'rejected'; reason: string; detail: string; ms: StageTimes } & RowRef)
  | ({ type: 'crash' | 'timeout'; outcome: 'retry' | 'fault'; detail: string } & RowRef)
  | ({ type: 'fault'; kind: 'crash' | 'timeout'; detail: string } & RowRef);

/** Milliseconds a row spent in each stage that reported a time (render, plugin, gate, mel, float16, ...). */
export type StageTimes = Record<string, number>;
