import { type ChildProcess, fork } from 'node:child_process';
import type { Readable } from 'node:stream';
import { Observable, Subject } from 'rxjs';
import { CrashRateError, JobFaultError, WorkersOptionError, WorkerStartError } from './errors';
import type { PipelineEvent } from './pipeline-event';
import { FRAME_FD } from './frame-channel';
import { FrameBufferPool } from './frame-buffer-pool';
import { FrameReader } from './message-frame';
import { deserializeError } from './serialized-error';
import { WorkerOutputLog, type WorkerOutputLogOptions } from './worker-output-log';
import type { FromWorker, ToWorker } from './worker-protocol';
import { workerProcessEnv } from './worker-process-env';

/**
 * When the pool gives up on a flaky program: once `minAttempts` jobs have started, a share of jobs
 * that killed their worker (crashes + timeouts over jobs started, retries included) above `max`
 * fails every pending job with CrashRateError. `max: 0` stops at the first death (minAttempts does
 * not apply); `max: 1` never stops.
 */
export interface CrashRateLimit {
  max: number;
  /** Jobs started before the rate applies, so one early crash does not stop a run. Default 20. */
  minAttempts?: number;
  /** The option or config key the error message tells the user to change. Default 'maxCrashRate'. */
  setting?: string;
}

export interface WorkerPoolOptions<Init> {
  /** Module run in each child process; speaks the protocol of worker-protocol.ts (see serveWorker). */
  workerModule: string;
  /** Sent to every worker (including replacements) in its `init` message. */
  init: Init;
  numWorkers: number;
  /** A job running longer than this kills its worker (handled like a crash). */
  jobTimeoutMs: number;
  /** A worker not ready within this is a start failure. Default 120 s. */
  startTimeoutMs?: number;
  execArgv?: string[];
  /** Environment of the worker processes (default: this process's). E.g. an LD_PRELOAD shim. */
  env?: NodeJS.ProcessEnv;
  /** Consecutive worker start failures before every pending job fails. Default 3. */
  maxStartFailures?: number;
  /** Where the workers' stdout and stderr go (default: this process's stderr; plugins print). Ignored with outputLog. */
  stdio?: 'inherit-stderr' | 'ignore';
  /**
   * Jobs sent to a worker before its answers come back. Default 2: the next job is already in the
   * worker when one finishes, so it does not wait for this process to read a large answer and send
   * another job (with 1, a worker sat idle for half of each row while the main process wrote).
   */
  jobsPerWorker?: number;
  /**
   * How answers come back: 'pipe' (default) as frames on a pipe of their own, the typed arrays as
   * raw bytes (message-frame.ts); 'ipc' through node's advanced-serialization channel.
   */
  answers?: 'pipe' | 'ipc';
  /** Collect the workers' stdout and stderr in a bounded log file instead (header line per worker start). */
  outputLog?: WorkerOutputLogOptions;
  /** Stop when too many jobs kill their worker (default: never). */
  crashRate?: CrashRateLimit;
  /** Names what the workers run (e.g. a plugin's path) in start-failure and crash-rate errors and log headers. */
  label?: string;
}

export interface WorkerPoolStats {
  /** Workers that died during a job (signal or exit), including the retried ones. */
  crashes: number;
  /** Jobs that exceeded the timeout (their worker was killed). */
  timeouts: number;
  /** Jobs given up as faults: they killed a worker twice. */
  faults: number;
  /** Worker processes started, replacements included. */
  workerStarts: number;
  /** Workers that died while idle (killed from outside); replaced, no job affected. */
  idleDeaths: number;
  /** Jobs handed to a worker, retries included (the crash rate's denominator). */
  attempts: number;
  /** Lines the workers printed to stdout/stderr (with outputLog), and those past its cap (not kept). */
  outputLines: number;
  outputLinesDropped: number;
}

interface Task<Job, Result> {
  job: Job;
  /** The message id it was sent to a worker with. */
  sentAs?: number;
  resolve: (r: Result) => void;
  reject: (e: Error) => void;
  failures: number;
  /** A retried job runs only on a worker that has run nothing before (a fresh process). */
  needsFresh: boolean;
}

interface Slot<Job, Result> {
  child: ChildProcess;
  state: 'starting' | 'ready' | 'closing' | 'dead';
  /** Jobs ever sent to this process (0: a fresh process). */
  sent: number;
  /** Jobs sent and not answered, oldest (the one running) first. */
  tasks: Task<Job, Result>[];
  /** The start timeout, then the timeout of the job running (tasks[0]). */
  timer?: NodeJS.Timeout;
  timedOut: boolean;
  /** The process has exited; its last answers are still being read (no new jobs). */
  exited?: boolean;
}

const DEFAULT_MIN_ATTEMPTS = 20;

/** Reads {id, attempt} off a job for events, when it has them. */
function rowRef(job: unknown): { id: number; attempt: number } {
  const j = job as { id?: unknown; attempt?: unknown } | null;
  return { id: typeof j?.id === 'number' ? j.id : -1, attempt: typeof j?.attempt === 'number' ? j.attempt : 0 };
}

/**
 * A fixed number of child processes that run jobs and isolate their crashes. A worker that dies
 * (a native segfault, the OOM killer, a signal) or exceeds the job timeout is replaced; its job is
 * first retried unchanged on a fresh worker, because a death caused from outside must not change
 * the result. Only a job that kills a second worker is given up (JobFaultError), so the caller can
 * treat it as a fault of its input. Errors thrown by a job or by init keep their class name and code.
 */
export class WorkerPool<Init, Job, Result> {
  readonly stats: WorkerPoolStats = { crashes: 0, timeouts: 0, faults: 0, workerStarts: 0, idleDeaths: 0, attempts: 0, outputLines: 0, outputLinesDropped: 0 };
  private readonly slots = new Set<Slot<Job, Result>>();
  private readonly queue: Task<Job, Result>[] = [];
  private readonly subject = new Subject<PipelineEvent>();
  /** Worker starts, crashes and timeouts, and the row events of the operators using this pool. */
  readonly events: Observable<PipelineEvent> = this.subject.asObservable();
  private nextId = 1;
  private startFailures = 0;
  private fatal?: Error;
  private closed = false;
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  /** What the first worker reported with `ready` (e.g. the plugin's identity). */
  readyInfo: unknown;
  /** Names what the workers run in errors and log headers (a caller may refine it once workers report). */
  label: string;
  private readonly outputLog?: WorkerOutputLog;
  private readonly frameBuffers = new FrameBufferPool();

  constructor(private readonly opts: WorkerPoolOptions<Init>) {
    if (!Number.isInteger(opts.numWorkers) || opts.numWorkers < 1) {
      throw new WorkersOptionError(`numWorkers: expected a positive integer, got ${opts.numWorkers}`);
    }
    const depth = opts.jobsPerWorker ?? 2;
    if (!Number.isInteger(depth) || depth < 1) {
      throw new WorkersOptionError(`jobsPerWorker: expected a positive integer, got ${depth}`);
    }
    this.depth = depth;
    const max = opts.crashRate?.max;
    if (max !== undefined && !(max >= 0 && max <= 1)) throw new WorkersOptionError(`crashRate.max: expected a fraction in [0, 1], got ${max}`);
    this.label = opts.label ?? opts.workerModule;
    if (opts.outputLog) this.outputLog = new WorkerOutputLog(opts.outputLog);
  }

  /**
   * Hands back the memory of a result's typed arrays once nothing reads them any more (a writer
   * has copied them): a later answer of the same size reuses it instead of a fresh allocation.
   * Buffers this pool did not hand out (IPC answers, the caller's own) are ignored.
   */
  recycle(buffer: ArrayBufferLike): void {
    this.frameBuffers.give(buffer);
  }

  /** The file the workers' output goes to, when collected. */
  get outputLogPath(): string | undefined {
    return this.outputLog?.path;
  }

  private readonly depth: number;

  get size(): number {
    return this.opts.numWorkers;
  }

  /** Starts the workers; resolves when all are ready, rejects with WorkerStartError. */
  start(): Promise<void> {
    for (let i = 0; i < this.opts.numWorkers; i++) this.spawn(false);
    return new Promise((resolve, reject) => {
      this.readyWaiters.push({ resolve, reject });
      this.checkReady();
    });
  }

  /** Publishes an event on `events` (the operators built on the pool report row events here). */
  emit(e: PipelineEvent): void {
    this.subject.next(e);
  }

  /** Process ids of the live workers (for diagnostics and tests). */
  workerPids(): number[] {
    return [...this.slots].filter((s) => s.state !== 'dead').map((s) => s.child.pid!);
  }

  run(job: Job): Promise<Result> {
    if (this.fatal) return Promise.reject(this.fatal);
    if (this.closed) return Promise.reject(new WorkersOptionError('the worker pool is closed'));
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ job, resolve, reject, failures: 0, needsFresh: false });
      this.dispatch();
    });
  }

  /** Asks every worker to exit; kills those still alive after `graceMs`. */
  async close(graceMs = 5000): Promise<void> {
    this.closed = true;
    const exits = [...this.slots].map(
      (slot) =>
        new Promise<void>((resolve) => {
          if (slot.state === 'dead') return resolve();
          // 'close' comes after the child's pipes are drained, so its last lines reach the log.
          slot.child.once('close', () => resolve());
          slot.state = 'closing';
          if (slot.timer) clearTimeout(slot.timer);
          try {
            slot.child.send({ type: 'close' } satisfies ToWorker<Init, Job>);
          } catch {
            slot.child.kill('SIGKILL');
          }
          setTimeout(() => slot.child.kill('SIGKILL'), graceMs).unref();
        }),
    );
    await Promise.all(exits);
    this.outputLog?.close();
    this.syncOutputStats();
    const err = new WorkersOptionError('the worker pool was closed with jobs pending');
    for (const t of this.queue.splice(0)) t.reject(err);
    this.subject.complete();
  }

  private spawn(replacement: boolean): void {
    this.stats.workerStarts++;
    const out = this.outputLog ? 'pipe' : this.opts.stdio === 'ignore' ? 'ignore' : 2;
    const child = fork(this.opts.workerModule, [], {
      serialization: 'advanced',
      execArgv: this.opts.execArgv ?? [],
      env: workerProcessEnv(this.opts.env ?? process.env, this.opts.answers ?? 'pipe'),
      // Plugins print to stdout; keep the parent's stdout for its own output. The answers come
      // back as frames on their own pipe (message-frame.ts).
      stdio: ['ignore', out, out, 'ipc', 'pipe'],
    });
    const slot: Slot<Job, Result> = { child, state: 'starting', sent: 0, tasks: [], timedOut: false };
    this.slots.add(slot);
    this.outputLog?.attach(child.pid, this.label, [child.stdout, child.stderr]);
    if (child.pid !== undefined) this.emit({ type: 'worker-start', pid: child.pid, replacement });
    slot.timer = setTimeout(() => {
      slot.timedOut = true;
      child.kill('SIGKILL');
    }, this.opts.startTimeoutMs ?? 120_000);
    child.on('message', (m: FromWorker<Result>) => this.onMessage(slot, m));
    const frames = new FrameReader(this.frameBuffers);
    const pipe = child.stdio[FRAME_FD] as Readable | null;
    pipe?.on('data', (chunk: Buffer) => {
      for (const m of frames.push(chunk)) this.onMessage(slot, m as FromWorker<Result>);
    });
    pipe?.on('error', () => {
      /* the process's 'exit' handles a broken pipe */
    });
    child.on('exit', (code, signal) => {
      slot.exited = true;
      // Answers the process wrote just before it died may still be in the pipe: read them first,
      // or the job after them would be blamed for the death. A pipe held open by a process the
      // plugin started must not stall the pool, hence the time limit.
      if (!pipe || pipe.readableEnded || pipe.destroyed) return this.onExit(slot, code, signal);
      const done = () => {
        clearTimeout(limit);
        pipe.off('close', done);
        this.onExit(slot, code, signal);
      };
      const limit = setTimeout(done, 2000);
      pipe.once('close', done);
    });
    child.on('error', () => {
      /* 'exit' follows and handles it */
    });
    child.send({ type: 'init', init: this.opts.init } satisfies ToWorker<Init, Job>);
  }

  private onMessage(slot: Slot<Job, Result>, m: FromWorker<Result>): void {
    switch (m.type) {
      case 'ready':
        if (slot.state !== 'starting') return;
        clearTimeout(slot.timer);
        slot.state = 'ready';
        this.startFailures = 0;
        if (this.readyInfo === undefined) this.readyInfo = m.info;
        this.checkReady();
        this.dispatch();
        return;
      case 'init-error': {
        // A worker that cannot initialise (the plugin does not load) will not do better on retry.
        const cause = deserializeError(m.error);
        this.fail(new WorkerStartError(`${cause.name}: ${cause.message}`, cause, this.outputLog?.path));
        return;
      }
      case 'result':
      case 'error': {
        const at = slot.tasks.findIndex((t) => t.sentAs === m.id);
        if (at < 0 || slot.state !== 'ready') return;
        const [task] = slot.tasks.splice(at, 1) as [Task<Job, Result>];
        clearTimeout(slot.timer);
        this.startJobTimer(slot);
        if (m.type === 'result') task.resolve(m.result);
        else task.reject(deserializeError(m.error));
        this.dispatch();
        return;
      }
    }
  }

  private onExit(slot: Slot<Job, Result>, code: number | null, signal: NodeJS.Signals | null): void {
    const prev = slot.state;
    slot.state = 'dead';
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    if (prev === 'closing' || this.closed) return;
    const detail = signal ? `signal ${signal}` : `exit code ${code}`;
    if (prev === 'starting') {
      this.startFailures++;
      if (this.startFailures >= (this.opts.maxStartFailures ?? 3)) {
        const where = this.outputLog ? `; what it printed is in ${this.outputLog.path}` : '';
        this.fail(
          new WorkerStartError(
            `${this.label}: crashed while loading: its worker process failed to start ${this.startFailures} times (last: ${detail})${where}`,
            undefined,
            this.outputLog?.path,
          ),
        );
        return;
      }
    } else if (prev === 'ready' && slot.tasks.length > 0) {
      // The worker runs its jobs in order: the oldest unanswered one was running. The ones queued
      // behind it never started; they go back to the queue as they were.
      const [task, ...notStarted] = slot.tasks as [Task<Job, Result>, ...Task<Job, Result>[]];
      slot.tasks = [];
      this.queue.unshift(...notStarted);
      const kind = slot.timedOut ? 'timeout' : 'crash';
      if (kind === 'timeout') this.stats.timeouts++;
      else this.stats.crashes++;
      task.failures++;
      const why = kind === 'timeout' ? `no result within ${this.opts.jobTimeoutMs} ms` : detail;
      if (task.failures >= 2) {
        this.stats.faults++;
        this.emit({ type: kind, outcome: 'fault', detail: why, ...rowRef(task.job) });
        task.reject(new JobFaultError(kind, why));
      } else {
        this.emit({ type: kind, outcome: 'retry', detail: why, ...rowRef(task.job) });
        task.needsFresh = true;
        this.queue.unshift(task);
      }
      this.checkCrashRate();
    } else {
      this.stats.idleDeaths++;
    }
    if (!this.fatal) this.spawn(true);
  }

  private dispatch(): void {
    if (this.fatal) return;
    // Idle workers first, so that a job queued behind another never waits while a worker is free.
    for (let round = 0; round < this.depth; round++) {
      for (const slot of this.slots) {
        if (this.fatal) return;
        if (slot.state !== 'ready' || slot.exited || slot.tasks.length !== round) continue;
        // A retried job goes first to a process that has been sent nothing else.
        const i = this.queue.findIndex((t) => !t.needsFresh || slot.sent === 0);
        if (i < 0) continue;
        const [task] = this.queue.splice(i, 1) as [Task<Job, Result>];
        task.sentAs = this.nextId++;
        slot.tasks.push(task);
        slot.sent++;
        if (slot.tasks.length === 1) this.startJobTimer(slot);
        slot.child.send({ type: 'job', id: task.sentAs, job: task.job } satisfies ToWorker<Init, Job>);
      }
    }
  }

  /** Times the job now running on `slot` (its oldest unanswered one), if any. */
  private startJobTimer(slot: Slot<Job, Result>): void {
    slot.timedOut = false;
    if (slot.tasks.length === 0) return;
    // A job counts as an attempt when it starts running, not when it is queued in a worker: jobs
    // queued behind a crashed one go back to the queue unstarted.
    this.stats.attempts++;
    if (this.stats.attempts === (this.opts.crashRate?.minAttempts ?? DEFAULT_MIN_ATTEMPTS)) this.checkCrashRate();
    if (Number.isFinite(this.opts.jobTimeoutMs) && this.opts.jobTimeoutMs > 0) {
      slot.timer = setTimeout(() => {
        slot.timedOut = true;
        slot.child.kill('SIGKILL');
      }, this.opts.jobTimeoutMs);
    }
  }

  private checkCrashRate(): void {
    const limit = this.opts.crashRate;
    const deaths = this.stats.crashes + this.stats.timeouts;
    if (!limit || deaths === 0 || this.fatal) return;
    if (limit.max > 0 && this.stats.attempts < (limit.minAttempts ?? DEFAULT_MIN_ATTEMPTS)) return;
    if (deaths / this.stats.attempts <= limit.max) return;
    this.syncOutputStats();
    const { crashes, timeouts, attempts } = this.stats;
    this.fail(new CrashRateError(this.label, crashes, timeouts, attempts, limit.max, limit.setting ?? 'maxCrashRate', this.outputLog?.path));
  }

  private syncOutputStats(): void {
    if (!this.outputLog) return;
    this.stats.outputLines = this.outputLog.lines;
    this.stats.outputLinesDropped = this.outputLog.droppedLines;
  }

  private checkReady(): void {
    if (this.readyWaiters.length === 0) return;
    const ready = [...this.slots].filter((s) => s.state === 'ready').length;
    if (ready >= this.opts.numWorkers) {
      for (const w of this.readyWaiters.splice(0)) w.resolve();
    }
  }

  private fail(err: Error): void {
    if (this.fatal) return;
    this.fatal = err;
    this.syncOutputStats();
    for (const w of this.readyWaiters.splice(0)) w.reject(err);
    for (const t of this.queue.splice(0)) t.reject(err);
    for (const slot of this.slots) {
      for (const t of slot.tasks.splice(0)) t.reject(err);
      slot.state = 'closing';
      slot.child.kill('SIGKILL');
    }
  }
}
