/** Base class of every error @vstds/param-spec throws, so callers can catch the package's errors at once. */
export class ParamSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One thing wrong with a spec file: where it is and what was expected. */
export interface SpecProblem {
  /** The spec file (or the label given to parseSpec for in-memory specs). */
  file: string;
  /** The parameter the problem is about, or undefined for the spec as a whole. */
  param?: string;
  message: string;
}

/** A spec file that cannot be used; `problems` holds one entry per problem found, not just the first. */
export class SpecValidationError extends ParamSpecError {
  constructor(readonly problems: SpecProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in spec:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
  }
}

export function formatProblem(p: SpecProblem): string {
  return `${p.file}: ${p.param === undefined ? '' : `${p.param}: `}${p.message}`;
}

/** The file is not readable YAML/JSON at all. */
export class SpecParseError extends ParamSpecError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: not valid YAML/JSON: ${detail}`);
  }
}

/** loadSpec was given neither a built-in spec name nor an existing file. */
export class SpecNotFoundError extends ParamSpecError {
  constructor(
    readonly nameOrPath: string,
    builtIns: readonly string[],
  ) {
    super(
      `spec "${nameOrPath}": expected a built-in spec name (${builtIns.join(', ')}) or a path to a .yaml/.yml/.json file, found neither`,
    );
  }
}

/** Values handed to encode/decode/sampleRow that do not fit the spec. */
export class EncodingError extends ParamSpecError {}

/** The spec does not fit a plugin's parameters; `problems` lists each one. */
export class PluginMismatchError extends ParamSpecError {
  constructor(
    readonly specName: string,
    readonly problems: string[],
  ) {
    super(
      `spec "${specName}" does not fit the plugin (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p}`).join('\n'),
    );
  }
}

/** Bad (seed, index, attempt) for the row PRNG. */
export class RowKeyError extends ParamSpecError {}
