/**
 * Named errors of @vstds/workers. Each has a stable `code`; the ones a user meets name what to
 * change.
 */
export class WorkersError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A worker process could not start (its init failed, e.g. the plugin does not load, or crashed while loading). */
export class WorkerStartError extends WorkersError {
  constructor(
    message: string,
    /** The error the worker's init threw, rebuilt on this side (class name, code, message). */
    override readonly cause?: RemoteError,
    /** Where the workers' output went, when it was collected in a file (a crash at load leaves its last words there). */
    readonly outputLog?: string,
  ) {
    super('WORKER_START', message);
  }
}

/**
 * An error thrown inside a worker process, rebuilt on the parent's side: `name` is the original
 * class name (e.g. `PluginMismatchError`), `code` its code when it had one, `message` unchanged.
 */
export class RemoteError extends Error {
  readonly code: string | undefined;
  /** The stack as it was in the worker process. */
  readonly remoteStack: string | undefined;
  constructor(name: string, message: string, code?: string, remoteStack?: string) {
    super(message);
    this.name = name;
    this.code = code;
    this.remoteStack = remoteStack;
  }
}

/** A row could not be accepted within maxAttempts draws: the spec is at fault. */
export class AttemptsExhaustedError extends WorkersError {
  constructor(
    readonly globalId: number,
    readonly attempts: number,
    readonly reasons: Readonly<Record<string, number>>,
  ) {
    const why = Object.entries(reasons)
      .map(([reason, n]) => `${reason} ×${n}`)
      .join(', ');
    super(
      'ATTEMPTS_EXHAUSTED',
      `row ${globalId}: no acceptable render in ${attempts} attempts (${why}); ` +
        'the param spec draws too many silent, non-finite or crashing patches: narrow its ranges, ' +
        'lower min_loudness or raise max_attempts_per_sample',
    );
  }
}

/** A stage module named by path could not be loaded or does not export a stage factory. */
export class StageModuleError extends WorkersError {
  constructor(
    readonly path: string,
    found: string,
  ) {
    super('STAGE_MODULE', `${path}: expected a module exporting \`stages(context)\` (or a default export of it), got ${found}`);
  }
}

/** Invalid options given to a pool or operator (programming error, reported at once). */
export class WorkersOptionError extends WorkersError {
  constructor(message: string) {
    super('WORKERS_OPTION', message);
  }
}

/** A job made its worker die (crash or timeout) twice: a fault of the job's input. */
export class JobFaultError extends WorkersError {
  constructor(
    readonly kind: 'crash' | 'timeout',
    readonly detail: string,
  ) {
    super(kind === 'crash' ? 'JOB_CRASHED' : 'JOB_TIMED_OUT', `worker ${kind === 'crash' ? 'crashed' : 'timed out'} twice on the same job (${detail})`);
  }
}

/** A preset file added, removed or changed since the dataset was started (its rows would change). */
export class PresetChangedError extends WorkersError {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super('PRESET_CHANGED', `${path}: the preset folder changed since the dataset was started (${detail}); restore it, or start a new dataset (--overwrite or another output_dir)`);
  }
}

/** A preset folder in which no preset loads on the run's plugin: nothing to render. */
export class NoLoadablePresetsError extends WorkersError {
  constructor(dir: string, tried: number, first: { file: string; message: string }) {
    super('NO_LOADABLE_PRESETS', `${dir}: none of the ${tried} presets loads on this plugin (expected presets saved from it); first: ${first.file}: ${first.message}`);
  }
}

/**
 * Too many jobs killed their worker: the pool stopped every pending job. Carries the measured
 * figures so a caller can phrase its own message (e.g. name its config key).
 */
export class CrashRateError extends WorkersError {
  constructor(
    /** What the workers run, e.g. the plugin's path and name. */
    readonly label: string,
    readonly crashes: number,
    readonly timeouts: number,
    readonly attempts: number,
    readonly maxRate: number,
    /** The option or config key that sets maxRate, named in the message. */
    readonly setting: string,
    /** Where the workers' output went, when it was collected in a file. */
    readonly outputLog: string | undefined,
  ) {
    const deaths = crashes + timeouts;
    super(
      'CRASH_RATE',
      `${label}: ${deaths} of ${attempts} render attempts killed their worker (${crashes} crashes, ${timeouts} timeouts: ` +
        `rate ${(deaths / attempts).toFixed(3)} > ${setting} ${maxRate}); stopped. Raise ${setting} (1 = never stop) to accept it` +
        (outputLog ? `; what the plugin printed is in ${outputLog}` : ''),
    );
  }
}
