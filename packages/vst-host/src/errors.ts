/** Base class of every error this package throws; `code` is stable for programs to branch on. */
export class VstHostError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The plugin path does not exist (or an LV2 URI is not installed: see {@link Lv2PluginNotInstalledError}). */
export class PluginNotFoundError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_NOT_FOUND');
  }
}

/** A folder that is neither a `.vst3` bundle (Contents/x86_64-linux/*.so) nor an LV2 bundle (manifest.ttl). */
export class NotABundleError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_NOT_A_BUNDLE');
  }
}

/** A bundle without a loadable audio module (no .so, or no audio processor class inside). */
export class MissingModuleError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_NO_MODULE');
  }
}

/** The shared library failed to load; the message carries dlerror(). */
export class ModuleLoadError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_MODULE_LOAD');
  }
}

/** An LV2 URI that no installed bundle provides. */
export class Lv2PluginNotInstalledError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_LV2_NOT_INSTALLED');
  }
}

/** An LV2 bundle holding several plugins: pass one plugin's URI instead. */
export class AmbiguousBundleError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_AMBIGUOUS_BUNDLE');
  }
}

/** A `params` key that names no listed parameter; the message lists the three closest keys. */
export class UnknownParameterError extends VstHostError {
  constructor(
    readonly key: string,
    readonly closest: string[],
  ) {
    super(
      `unknown parameter "${key}"; closest keys: ${closest.map((k) => `"${k}"`).join(', ')}`,
      'E_UNKNOWN_PARAMETER',
    );
  }
}

/** A parameter value that is not a number in [0, 1]. */
export class ParameterValueError extends VstHostError {
  constructor(
    readonly key: string,
    value: unknown,
  ) {
    super(
      `parameter "${key}": expected a normalized number in [0, 1], found ${String(value)}`,
      'E_PARAMETER_VALUE',
    );
  }
}

/** `render` was given notes, but the plugin is an effect (it takes `input` audio instead). */
export class NotesOnEffectError extends VstHostError {
  constructor(pluginName: string) {
    super(
      `${pluginName} is an effect, not an instrument: render it with \`input\` audio, without \`notes\``,
      'E_NOTES_ON_EFFECT',
    );
  }
}

/** `seconds` that is not a finite number in (0, 600]. */
export class InvalidDurationError extends VstHostError {
  constructor(value: unknown) {
    super(
      `render: expected \`seconds\` in (0, 600], found ${String(value)}`,
      'E_DURATION',
    );
  }
}

/** Input audio that is not an array of Float32Array channels, or given to a plugin without inputs. */
export class InvalidInputError extends VstHostError {
  constructor(message: string) {
    super(`render: ${message}`, 'E_INPUT');
  }
}

/** A file that is not a .vstpreset, or state bytes that are not this host's state format. */
export class PresetFormatError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_PRESET_FORMAT');
  }
}

/** A preset or state saved from a different plugin class. */
export class PresetMismatchError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_PRESET_MISMATCH');
  }
}

/** The operation is not available for this plugin format (e.g. .vstpreset on LV2). */
export class UnsupportedOperationError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_UNSUPPORTED');
  }
}

/** A `loadPlugin` option outside its range. */
export class InvalidOptionError extends VstHostError {
  constructor(option: string, expected: string, found: unknown) {
    super(
      `loadPlugin: option \`${option}\` must be ${expected}, found ${String(found)}`,
      'E_OPTION',
    );
  }
}

/** A call on a plugin after `close()`. */
export class PluginClosedError extends VstHostError {
  constructor(message = 'the plugin was closed') {
    super(message, 'E_CLOSED');
  }
}

/** A plugin call threw or reported failure (caught at the native boundary). */
export class PluginCallError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_PLUGIN_CALL');
  }
}

/** An LV2 plugin requires features (or options) this host does not provide; the message lists them. */
export class MissingFeatureError extends VstHostError {
  constructor(message: string) {
    super(message, 'E_MISSING_FEATURE');
  }
}

/** The deterministic clock needs Debian's libfaketime, which is not installed. */
export class ClockShimMissingError extends VstHostError {
  constructor(readonly searched: string[]) {
    super(
      `deterministic clock: libfaketimeMT.so.1 not found (looked in ${searched.join(', ')}); install it with \`apt-get install libfaketime\` or use reproducible: 'off'`,
      'E_CLOCK_SHIM_MISSING',
    );
  }
}

/** `reproducible: 'strict'` and the plugin cannot be made to render the same bytes every time. */
export class NotReproducibleError extends VstHostError {
  constructor(
    readonly plugin: string,
    readonly reason: string,
  ) {
    super(
      `${plugin}: reproducible: 'strict' cannot be met: ${reason}; use reproducible: 'auto' to record the render noise instead`,
      'E_NOT_REPRODUCIBLE',
    );
  }
}

const byCode: Record<string, new (message: string) => VstHostError> = {
  E_NOT_FOUND: PluginNotFoundError,
  E_NOT_A_BUNDLE: NotABundleError,
  E_NO_MODULE: MissingModuleError,
  E_MODULE_LOAD: ModuleLoadError,
  E_LV2_NOT_INSTALLED: Lv2PluginNotInstalledError,
  E_AMBIGUOUS_BUNDLE: AmbiguousBundleError,
  E_PRESET_FORMAT: PresetFormatError,
  E_PRESET_MISMATCH: PresetMismatchError,
  E_UNSUPPORTED: UnsupportedOperationError,
  E_CLOSED: PluginClosedError,
  E_PLUGIN_CALL: PluginCallError,
  E_MISSING_FEATURE: MissingFeatureError,
};

/** Turns a native "[CODE] message" error into its named class. */
export function fromNativeError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^\[(E_[A-Z0-9_]+)\] ([\s\S]*)$/.exec(message);
  const Ctor = match ? byCode[match[1]] : undefined;
  if (match && Ctor) return new Ctor(match[2]);
  return error instanceof Error ? error : new PluginCallError(message);
}

/** A chain's effect slot given an instrument, or its instrument slot given an effect. */
export class PluginRoleError extends VstHostError {
  constructor(path: string, name: string, expected: 'instrument' | 'effect') {
    super(
      expected === 'effect'
        ? `${path}: "${name}" is an instrument (it takes notes and has no audio input); expected an effect`
        : `${path}: "${name}" is an effect (it takes no notes); expected an instrument`,
      'E_PLUGIN_ROLE',
    );
  }
}
