import { Hdf5ChunksError } from './errors';

/** Default file naming of the seed. */
export const DEFAULT_FILE_NAMING = 'dataset_{chunk:04d}.h5';

/**
 * Expands a Python-format-like pattern with the chunk index: `{chunk}`, `{chunk:04d}` (zero padded)
 * or `{chunk:d}`. The result must be a plain file name (no directories).
 */
export function chunkFileName(pattern: string, index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new Hdf5ChunksError(`chunk index: expected a non-negative integer, got ${index}`);
  let used = false;
  const name = pattern.replace(/\{chunk(?::(0?)(\d*)d)?\}/g, (_m, zero: string | undefined, width: string | undefined) => {
    used = true;
    const s = String(index);
    const w = width ? Number(width) : 0;
    return s.padStart(w, zero === '0' ? '0' : ' ');
  });
  if (!used) throw new Hdf5ChunksError(`file_naming: expected a pattern containing {chunk} or {chunk:04d}, got ${JSON.stringify(pattern)}`);
  if (name.includes('/') || name.includes('\\') || name === '.' || name === '..' || name.endsWith('.partial')) {
    throw new Hdf5ChunksError(`file_naming: expected a plain file name, got ${JSON.stringify(pattern)} (→ ${JSON.stringify(name)})`);
  }
  return name;
}
