import { Socket } from 'node:net';
import { encodeFrame } from './message-frame';

/** The worker's stdio slot for its answer pipe (after stdin, stdout, stderr and node's IPC channel). */
export const FRAME_FD = 4;
/** Tells a worker process which fd its answer pipe is (absent: answers go over node's IPC). */
export const FRAME_FD_ENV = 'VSTDS_WORKER_FRAME_FD';

/**
 * The child's side of the answer pipe: a function writing one message as a frame, or undefined
 * when this process was not given the pipe (then the caller answers over IPC).
 */
export function frameSender(): ((message: unknown) => Promise<void>) | undefined {
  const raw = process.env[FRAME_FD_ENV];
  const fd = raw ? Number(raw) : NaN;
  if (!Number.isInteger(fd) || fd < 3) return undefined;
  const pipe = new Socket({ fd, readable: false, writable: true });
  // A parent that went away closes the pipe; the IPC 'disconnect' ends the process.
  pipe.on('error', () => undefined);
  // Resolves once the whole frame is in the kernel's socket buffer, where it survives this
  // process dying on its next job.
  return (message) =>
    new Promise<void>((resolve) => {
      const parts = encodeFrame(message);
      pipe.cork();
      parts.forEach((part, k) => pipe.write(part, k === parts.length - 1 ? () => resolve() : undefined));
      pipe.uncork();
    });
}
