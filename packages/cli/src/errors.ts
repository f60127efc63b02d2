/**
 * Named errors of the CLI. Each carries what the user needs to fix the input; the bin prints
 * `message` alone (no stack) and exits with `exitCode`.
 */

/** Base class: an error meant for the user, printed without a stack trace. */
export class VstdsCliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A config file (or the flags overriding it) is invalid: one line per problem, exit code 2. */
export class ConfigError extends VstdsCliError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'), 2);
    this.problems = problems;
  }
}

/** Bad command-line usage (unknown flag, missing argument): exit code 2. */
export class UsageError extends VstdsCliError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The output directory holds a dataset of another config; says which keys differ. */
export class ResumeMismatchError extends VstdsCliError {
  readonly differingKeys: readonly string[];
  constructor(dir: string, differingKeys: readonly string[]) {
    super(
      `${dir}: holds a dataset generated with a different config (differs in: ${differingKeys.join(', ')}); ` +
        'use --overwrite to start over or choose another output_dir',
      1,
    );
    this.differingKeys = differingKeys;
  }
}

/** A row could not be accepted within max_attempts_per_sample draws: the spec is at fault. */
export class AttemptsExhaustedError extends VstdsCliError {
  constructor(
    readonly globalId: number,
    readonly attempts: number,
    readonly reasons: Readonly<Record<string, number>>,
  ) {
    const why = Object.entries(reasons)
      .map(([reason, n]) => `${reason} ×${n}`)
      .join(', ');
    super(
      `row ${globalId}: no acceptable render in ${attempts} attempts (${why}); ` +
        'the param spec draws too many silent, non-finite or crashing patches: narrow its ranges, ' +
        'lower min_loudness or raise max_attempts_per_sample',
      1,
    );
  }
}

/** A worker process could not start (its init failed, e.g. the plugin does not load). */
export class WorkerStartError extends VstdsCliError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** A job made its worker die (crash or timeout) twice in a row: a fault of the job's input. */
export class JobFaultError extends Error {
  constructor(
    readonly kind: 'crash' | 'timeout',
    readonly detail: string,
  ) {
    super(`worker ${kind === 'crash' ? 'crashed' : 'timed out'} twice on the same job (${detail})`);
    this.name = 'JobFaultError';
  }
}

/** The job itself failed inside a live worker (a JS exception): not retried. */
export class JobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobError';
  }
}

/** Another live writer holds the output directory (the message names it): exit code 2. */
export class OutputDirLockedError extends VstdsCliError {
  readonly code = 'DATASET_LOCKED';
  constructor(message: string) {
    super(message, 2);
  }
}
