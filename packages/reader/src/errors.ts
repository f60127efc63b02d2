/** Base class of every error thrown by @vstds/reader. */
export class ReaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The directory holds no dataset (no manifest and no chunk files), or does not exist. */
export class DatasetNotFoundError extends ReaderError {}

/** A chunk file is missing, truncated, corrupt or not in the expected schema. */
export class ChunkReadError extends ReaderError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** A chunk path from the manifest points outside the dataset directory. */
export class UnsafeChunkPathError extends ReaderError {
  constructor(
    readonly manifest: string,
    readonly file: string,
  ) {
    super(`${manifest}: chunks[].file: expected a file inside the dataset directory, got ${JSON.stringify(file)}`);
  }
}

/** A global id outside the dataset. */
export class SampleNotFoundError extends ReaderError {}

/** Keeps HDF5's long error stacks readable: the first line plus the line naming a cause. */
export function briefCause(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const detail = lines.filter((l) => /error message = |truncated|signature|eof/i.test(l)).slice(0, 2);
  return [lines[0], ...detail].join(' … ').slice(0, 500);
}
