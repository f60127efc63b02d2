/** Base class of every error thrown by @vstds/splits; `code` is stable for scripts and tests. */
export class SplitsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The dataset is not complete: splitting it would silently leave rows out. */
export class IncompleteDatasetError extends SplitsError {
  constructor(
    readonly dir: string,
    readonly missingChunks: readonly string[],
  ) {
    super(
      'E_INCOMPLETE',
      `${dir}: expected a complete dataset, got ${missingChunks.length} missing chunk${missingChunks.length === 1 ? '' : 's'}: ` +
        `${missingChunks.slice(0, 20).join(', ')}${missingChunks.length > 20 ? ', …' : ''} ` +
        '(finish it with vstds generate, or vstds finalize after shards)',
    );
  }
}

/** A chunk file is truncated, corrupt or does not match the dataset's schema. */
export class DamagedChunkError extends SplitsError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super('E_DAMAGED_CHUNK', `${file}: damaged chunk: ${reason} (regenerate it: delete the file and its manifest entry, then vstds generate resumes)`);
  }
}

/** Split ratios that leave no training rows, or are not ratios at all. */
export class SplitRatioError extends SplitsError {
  constructor(message: string) {
    super('E_SPLIT_RATIO', message);
  }
}

/** Output files exist and `overwrite` was not given. */
export class OutputExistsError extends SplitsError {
  constructor(readonly files: readonly string[]) {
    super('E_EXISTS', `${files.join(', ')}: already exist${files.length === 1 ? 's' : ''}; expected no such file (use --overwrite to replace)`);
  }
}

/** The manifest lacks something this package needs (no manifest, no split record…). */
export class SplitManifestError extends SplitsError {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super('E_MANIFEST', `${file}: ${key}: expected ${expected}, got ${found}`);
  }
}

/** libhdf5 failed while writing or reading split files. */
export class SplitWriteError extends SplitsError {
  constructor(hdf5Code: string, message: string) {
    super(hdf5Code, message);
  }
}
