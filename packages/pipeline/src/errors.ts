/**
 * Named errors of a dataset run. Each carries what the user needs to fix the input; the CLI prints
 * `message` alone (no stack) and exits with `exitCode`.
 */

/** Base class: an error meant for the user, printed without a stack trace. */
export class VstdsError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A config file (or the flags overriding it) is invalid: one line per problem, exit code 2. */
export class ConfigError extends VstdsError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'), 2);
    this.problems = problems;
  }
}

/** The output directory holds a dataset of another config; says which keys differ. */
export class ResumeMismatchError extends VstdsError {
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

/** Another live writer holds the output directory (the message names it): exit code 2. */
export class OutputDirLockedError extends VstdsError {
  readonly code = 'DATASET_LOCKED';
  constructor(message: string) {
    super(message, 2);
  }
}
