import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Temp file, fsync, rename: a reader never sees half a stats.npz. (@vstds/hdf5-chunks has the same
 * step for text but does not export it; binary data here.)
 */
export function writeFileAtomic(path: string, data: Uint8Array): void {
  const tmp = `${path}.partial`;
  writeFileSync(tmp, data);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
