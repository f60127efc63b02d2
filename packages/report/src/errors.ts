/** Base class of every error thrown by @vstds/report; `code` is stable, `exitCode` is what the CLI returns. */
export class ReportError extends Error {
  readonly code: string = 'REPORT_ERROR';
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** DIR is missing, not a directory, or holds neither a manifest nor chunk files. */
export class NotADatasetError extends ReportError {
  override readonly code = 'NOT_A_DATASET';
  override readonly exitCode = 2;
}

/** A report option is out of range (rows, seed, port, host). */
export class ReportOptionError extends ReportError {
  override readonly code = 'BAD_OPTION';
  override readonly exitCode = 2;
}

/** The server could not listen on the asked port. */
export class PortInUseError extends ReportError {
  override readonly code = 'PORT_IN_USE';
  override readonly exitCode = 2;
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`vstds report --serve: port ${port} on ${host} is already in use: expected a free port, choose another with --port P (or --port 0 for any free one)`);
  }
}

/** The report file could not be written. */
export class ReportWriteError extends ReportError {
  override readonly code = 'WRITE_FAILED';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: could not write the report: ${reason}`);
  }
}
