import { closeSync, fsyncSync, openSync, readSync, renameSync, statfsSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** fsync a file by path (a read-only descriptor is enough on Linux). */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `fsyncPath` on libuv's thread pool: the main thread goes on while the disk catches up. */
export async function fsyncPathAsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename or unlink in `dir` durable. */
export function fsyncDir(dir: string): void {
  fsyncPath(dir);
}

/** Replaces `path` atomically: temp file, fsync, rename, fsync of the directory. */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const tmp = `${path}.partial`;
  writeFileSync(tmp, text);
  fsyncPath(tmp);
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}

/** sha256 (hex) and size of a file, read in 8 MiB blocks. */
export function sha256File(path: string): { sha256: string; bytes: number } {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(8 << 20);
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
  return { sha256: hash.digest('hex'), bytes };
}

/** Free bytes for unprivileged writers on the file system holding `path`, if it can be asked. */
export function freeBytes(path: string): number | undefined {
  try {
    const s = statfsSync(path);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}
