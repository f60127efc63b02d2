/**
 * Messages between the supervisor and a worker process (node IPC, 'advanced' serialization so
 * typed arrays cross without JSON). A worker module implements the child side: answer `init` with
 * `ready` or `init-error`, each `job` with `result` or `error`, and exit on `close` or when the
 * IPC channel disconnects (the supervisor died).
 */
export type ToWorker<Init, Job> =
  | { type: 'init'; init: Init }
  | { type: 'job'; id: number; job: Job }
  | { type: 'close' };

export type FromWorker<Result> =
  | { type: 'ready'; info?: unknown }
  | { type: 'init-error'; message: string }
  | { type: 'result'; id: number; result: Result }
  | { type: 'error'; id: number; message: string };
