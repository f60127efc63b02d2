import { closeSync, fsyncSync, linkSync, openSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

/** fsync a directory so a rename into it survives a power cut (and is visible on NFS close-to-open). */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** rename + fsync of the target directory. Same file system only: that is what makes it atomic. */
export function durableRename(from: string, to: string): void {
  renameSync(from, to);
  fsyncDirectory(dirname(to));
}

/**
 * Puts a finished file under its final name unless a file is already there (first writer wins,
 * so the file stays the one whose sha256 was reported). A hard link is atomic and fails with
 * EEXIST instead of replacing; where links are not supported, falls back to rename.
 * Returns false when another file was already in place (`from` is left for the caller to delete).
 */
export function publishFile(from: string, to: string): boolean {
  try {
    linkSync(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw e;
    renameSync(from, to);
  }
  fsyncDirectory(dirname(to));
  return true;
}
