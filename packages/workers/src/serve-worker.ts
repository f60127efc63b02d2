import { frameSender } from './frame-channel';
import { serializeError } from './serialized-error';
import type { FromWorker, ToWorker } from './worker-protocol';

/** What a worker module provides: its state is built once by `init`, then `handle` runs jobs. */
export interface WorkerHandlers<Init, Job, Result> {
  init(init: Init): Promise<{ info?: unknown }>;
  handle(job: Job): Promise<Result>;
  close?(): void;
}

let sendFrame: ((message: unknown) => void) | undefined;

function send<Result>(m: FromWorker<Result>): void {
  if (sendFrame) sendFrame(m);
  else process.send!(m);
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
          send<Result>({ type: 'ready', info });
        } catch (e) {
          send<Result>({ type: 'init-error', error: serializeError(e) });
        }
      } else if (m.type === 'job') {
        try {
          send<Result>({ type: 'result', id: m.id, result: await handlers.handle(m.job) });
        } catch (e) {
          send<Result>({ type: 'error', id: m.id, error: serializeError(e) });
        }
      } else if (m.type === 'close') {
        handlers.close?.();
        process.exit(0);
      }
    });
  });
}
