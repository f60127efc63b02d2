import type { SerializedError } from './serialized-error';

/**
 * Messages between the pool and a worker process (node IPC, 'advanced' serialization so typed
 * arrays cross without JSON). The child answers `init` with `ready` or `init-error`, each `job`
 * with `result` or `error`, and exits on `close` or when the IPC channel disconnects.
 */
export type ToWorker<Init, Job> =
  | { type: 'init'; init: Init }
  | { type: 'job'; id: number; job: Job }
  | { type: 'close' };

export type FromWorker<Result> =
  | { type: 'ready'; info?: unknown }
  | { type: 'init-error'; error: SerializedError }
  | { type: 'result'; id: number; result: Result }
  | { type: 'error'; id: number; error: SerializedError };
