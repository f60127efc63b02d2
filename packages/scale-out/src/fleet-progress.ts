import type { ChunkJobProgress, ChunkJobResult } from './chunk-job';
import { clock } from '@vstds/pipeline';

export interface WorkerTally {
  chunks: number;
  rows: number;
  /** Chunks it is working on now. */
  active: number;
}

export interface FleetSnapshot {
  rowsDone: number;
  rowsTotal: number;
  chunksDone: number;
  chunksTotal: number;
  /** Rows per second across all workers over the last `windowSeconds`. */
  rowsPerSecond: number;
  /** Rows per second since the first row of this run. */
  averageRowsPerSecond: number;
  etaSeconds: number;
  workers: Record<string, WorkerTally>;
  failedAttempts: number;
  stalls: number;
}

/**
 * Fleet-wide progress from queue events: finished chunks count in full, running chunks by their
 * latest reported rows. A chunk re-run after a crash starts over, so its rows never count twice.
 */
export class FleetProgress {
  private readonly running = new Map<number, ChunkJobProgress>();
  private readonly done = new Map<number, { rows: number; worker: string }>();
  private readonly samples: { t: number; rows: number }[] = [];
  /** When the first chunk job of this run reported (started): the average's origin. */
  private firstRowAt: number | undefined;
  private failedAttempts = 0;
  private stalls = 0;

  constructor(
    private readonly rowsTotal: number,
    private readonly chunksTotal: number,
    /** Rows and chunks finished before this run (resume). */
    private readonly rowsBefore = 0,
    private readonly chunksBefore = 0,
    private readonly windowSeconds = 15,
    private readonly now: () => number = () => performance.now(),
  ) {}

  progress(chunk: number, p: ChunkJobProgress): void {
    if (this.done.has(chunk)) return;
    this.firstRowAt ??= this.now();
    this.running.set(chunk, p);
    this.sample();
  }

  completed(chunk: number, r: Pick<ChunkJobResult, 'numSamples' | 'worker'>): void {
    this.firstRowAt ??= this.now();
    this.running.delete(chunk);
    this.done.set(chunk, { rows: r.numSamples, worker: r.worker });
    this.sample();
  }

  failedAttempt(chunk: number): void {
    this.running.delete(chunk);
    this.failedAttempts++;
    this.sample();
  }

  stalled(chunk: number): void {
    this.running.delete(chunk);
    this.stalls++;
    this.sample();
  }

  private rowsThisRun(): number {
    let rows = 0;
    for (const d of this.done.values()) rows += d.rows;
    for (const r of this.running.values()) rows += r.rows;
    return rows;
  }

  private sample(): void {
    const t = this.now();
    const rows = this.rowsThisRun();
    this.samples.push({ t, rows });
    while (this.samples.length > 2 && t - this.samples[1]!.t > this.windowSeconds * 1000) this.samples.shift();
  }

  snapshot(): FleetSnapshot {
    this.sample();
    const t = this.now();
    const rows = this.rowsThisRun();
    const oldest = this.samples[0]!;
    const span = (t - oldest.t) / 1000;
    const rowsPerSecond = span > 0.5 ? Math.max(0, rows - oldest.rows) / span : 0;
    const since = this.firstRowAt === undefined ? 0 : (t - this.firstRowAt) / 1000;
    const averageRowsPerSecond = since > 0.5 ? rows / since : 0;
    const rowsDone = this.rowsBefore + rows;
    const rate = rowsPerSecond || averageRowsPerSecond;
    const workers: Record<string, WorkerTally> = {};
    const tally = (w: string) => (workers[w] ??= { chunks: 0, rows: 0, active: 0 });
    for (const d of this.done.values()) {
      tally(d.worker).chunks++;
      tally(d.worker).rows += d.rows;
    }
    for (const r of this.running.values()) {
      tally(r.worker).active++;
      tally(r.worker).rows += r.rows;
    }
    return {
      rowsDone,
      rowsTotal: this.rowsTotal,
      chunksDone: this.chunksBefore + this.done.size,
      chunksTotal: this.chunksTotal,
      rowsPerSecond,
      averageRowsPerSecond,
      etaSeconds: rate > 0 ? (this.rowsTotal - rowsDone) / rate : Infinity,
      workers,
      failedAttempts: this.failedAttempts,
      stalls: this.stalls,
    };
  }
}

/** One progress line; per-worker counts sorted by worker id. */
export function formatFleetProgress(s: FleetSnapshot): string {
  const workers = Object.entries(s.workers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([w, t]) => `${w} ${t.chunks} chunks${t.active ? ` +${t.active} running` : ''}`);
  return (
    `${s.rowsDone}/${s.rowsTotal} rows  ${s.chunksDone}/${s.chunksTotal} chunks  ` +
    `${s.rowsPerSecond.toFixed(1)} rows/s fleet (avg ${s.averageRowsPerSecond.toFixed(1)})  ETA ${clock(s.etaSeconds)}  ` +
    `${workers.length} workers${workers.length ? ` [${workers.join(', ')}]` : ''}` +
    `${s.failedAttempts ? `  failed attempts ${s.failedAttempts}` : ''}${s.stalls ? `  stalled ${s.stalls}` : ''}`
  );
}
