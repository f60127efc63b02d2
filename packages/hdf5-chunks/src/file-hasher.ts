import { Worker } from 'node:worker_threads';
import { Hdf5ChunksError } from './errors';

/**
 * The thread's whole program: durable-fs's `sha256File` (8 MiB blocks) behind a message port. It is
 * inline source, not a module path, because the package runs as TypeScript under vitest and as two
 * bundles (ESM, CommonJS) in dist, and a worker path would have to name one of them.
 */
const HASH_THREAD = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
const buf = Buffer.allocUnsafe(8 << 20);
parentPort.on('message', ({ id, path }) => {
  try {
    const hash = createHash('sha256');
    const fd = openSync(path, 'r');
    let bytes = 0;
    try {
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, bytes);
        if (n === 0) break;
        hash.update(buf.subarray(0, n));
        bytes += n;
      }
    } finally {
      closeSync(fd);
    }
    parentPort.postMessage({ id, sha256: hash.digest('hex'), bytes });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message || err) });
  }
});
`;

type Reply = { id: number; sha256: string; bytes: number } | { id: number; error: string };

/**
 * sha256 and size of files, computed on one background thread: a chunk's checksum (~1 ms of CPU per
 * 1.1 MB row) then costs the main thread nothing while it writes the next chunk's rows. Same result
 * as `sha256File`. The thread starts at the first `hash` and never keeps the process alive.
 */
export class FileHasher {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { path: string; resolve: (r: { sha256: string; bytes: number }) => void; reject: (e: Error) => void }>();
  private closed = false;

  hash(path: string): Promise<{ sha256: string; bytes: number }> {
    if (this.closed) return Promise.reject(new Hdf5ChunksError(`${path}: not hashed: the file hasher was closed`));
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { path, resolve, reject });
      worker.postMessage({ id, path });
    });
  }

  /** Stops the thread; hashes still running are rejected. */
  close(): void {
    this.closed = true;
    this.failAll('the file hasher was closed');
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    const worker = new Worker(HASH_THREAD, { eval: true });
    worker.unref();
    worker.on('message', (r: Reply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if ('error' in r) p.reject(new Hdf5ChunksError(`${p.path}: could not read the file to checksum it: ${r.error}`));
      else p.resolve({ sha256: r.sha256, bytes: r.bytes });
    });
    const lost = (why: string) => {
      this.worker = undefined;
      this.failAll(why);
    };
    worker.on('error', (e) => lost(`the hashing thread failed: ${e.message}`));
    worker.on('exit', (code) => lost(`the hashing thread exited with code ${code}`));
    return worker;
  }

  private failAll(why: string): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new Hdf5ChunksError(`${p.path}: not hashed: ${why}`));
    }
  }
}
