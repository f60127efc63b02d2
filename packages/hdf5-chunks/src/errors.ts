/** Base class of every error thrown by @vstds/hdf5-chunks; `code` is stable across versions. */
export class Hdf5ChunksError extends Error {
  readonly code: string;
  constructor(message: string, code = 'HDF5_CHUNKS') {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The output directory cannot be created or written. */
export class OutputDirError extends Hdf5ChunksError {
  constructor(
    readonly dir: string,
    readonly reason: string,
  ) {
    super(`${dir}: output directory is not writable: expected a writable directory, got ${reason}`, 'OUTPUT_DIR');
  }
}

/** The disk filled up while a chunk was written; the partial file was removed. */
export class DiskFullError extends Hdf5ChunksError {
  constructor(
    readonly file: string,
    readonly bytesNeeded: number,
    readonly bytesFree: number | undefined,
  ) {
    super(
      `${file}: disk full (ENOSPC) while writing the chunk: it needs about ${bytesNeeded} bytes` +
        (bytesFree === undefined ? '' : `, ${bytesFree} bytes were free`) +
        '; the partial file was removed and the manifest left untouched', 'DISK_FULL');
  }
}

/** A row does not have the shape the chunk was created with (the first row's shape). */
export class RowShapeError extends Hdf5ChunksError {
  constructor(
    readonly file: string,
    readonly globalId: number,
    readonly key: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${file}: row ${globalId}: ${key}: expected ${expected}, got ${found}`, 'ROW_SHAPE');
  }
}

/** Rows arrived out of global-id order, or for a chunk that is not being written. */
export class RowOrderError extends Hdf5ChunksError {
  constructor(message: string) {
    super(message, 'ROW_ORDER');
  }
}

/** dataset_info.json is missing a field, malformed, or lists a file outside the dataset directory. */
export class ManifestError extends Hdf5ChunksError {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${file}: ${key}: expected ${expected}, got ${found}`, 'MANIFEST');
  }
}

/** A chunk could not be written (an HDF5 or file-system failure other than a full disk). */
export class ChunkWriteError extends Hdf5ChunksError {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`${file}: writing the chunk failed: ${firstLines(cause)}`, 'CHUNK_WRITE');
  }
}

/** The HDF5 object header we patch to float16 does not look like what we created. */
export class HeaderPatchError extends Hdf5ChunksError {
  constructor(message: string) {
    super(message, 'HEADER_PATCH');
  }
}

/** A `compression` setting names an unknown codec, a level out of range or a filter that is not installed. */
export class CompressionError extends Hdf5ChunksError {
  constructor(
    readonly key: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${key}: expected ${expected}, got ${found}`, 'COMPRESSION');
  }
}

/**
 * A chunk file just written does not read back as written (schema, rows, ids or checksum): it is
 * not entered in the manifest.
 */
export class ChunkCheckError extends Hdf5ChunksError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: the written chunk does not read back: ${problem}; it was not entered in the manifest`, 'CHUNK_CHECK');
  }
}

/** Keeps HDF5's long error stacks readable: the first line plus the innermost line naming a cause. */
export function firstLines(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const detail = lines.find((l) => /error message = /.test(l));
  return [lines[0], detail].filter(Boolean).join(' … ').slice(0, 600);
}

/** Another live writer holds the dataset directory's lock (see acquireDatasetLock). */
export class DatasetLockedError extends Hdf5ChunksError {
  override readonly code = 'DATASET_LOCKED';
  constructor(
    readonly dir: string,
    readonly lockFile: string,
    readonly holder: string,
    readonly wanted: string,
  ) {
    super(
      `${dir}: in use by another writer (${holder}); refusing to write ${wanted} at the same time: ` +
        `wait for it to finish or stop it (a lock whose process died is taken over automatically; lock file ${lockFile})`,
    );
  }
}
