import { frameSender } from './frame-channel';
import { serializeError } from './serialized-error';
import type { FromWorker, ToWorker } from './worker-protocol';

/** What a worker module provides: its state is built once by `init`, then `handle` runs jobs. */
export interface WorkerHandlers<Init, Job, Result> {
  init(init: Init): Promise<{ info?: unknown }>;
  handle(job: Job): Promise<Result>;
  close?(): void;
}

let sendFrame: ((message: unknown) => Promise<void>) | undefined;

/**
 * Resolves when the answer has left this process. The next job starts only then: a job that
 * kills the process must not take the previous answer down with it (the pool would blame the
 * wrong job), and the pool sends the next job ahead (jobsPerWorker), so the wait is short.
 */
function send<Result>(m: FromWorker<Result>): Promise<void> {
  if (sendFrame) return sendFrame(m);
  return new Promise((resolve) => process.send!(m, undefined, undefined, () => resolve()));
}

/**
 * The child side of the pool protocol. Jobs run one at a time; a thrown error answers the job
 * with `error` (class name, code and message kept; the worker stays alive); the process exits
 * when the pool goes away.
 */
export function serveWorker<Init, Job, Result>(handlers: WorkerHandlers<Init, Job, Result>): void {
  if (!process.send) throw new Error('this module runs as a vstds worker process (forked with an IPC channel)');
  sendFrame = frameSender();
  process.on('disconnect', () => {
    handlers.close?.();
    process.exit(0);
  });
  let chain = Promise.resolve();
  process.on('message', (m: ToWorker<Init, Job>) => {
    chain = chain.then(async () => {
      if (m.type === 'init') {
        try {
          const { info } = await handlers.init(m.init);
          await send<Result>({ type: 'ready', info });
        } catch (e) {
          await send<Result>({ type: 'init-error', error: serializeError(e) });
        }
      } else if (m.type === 'job') {
        try {
          await send<Result>({ type: 'result', id: m.id, result: await handlers.handle(m.job) });
        } catch (e) {
          await send<Result>({ type: 'error', id: m.id, error: serializeError(e) });
        }
      } else if (m.type === 'close') {
        handlers.close?.();
        process.exit(0);
      }
    });
  });
}
