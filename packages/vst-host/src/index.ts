export { loadPlugin } from './load-plugin';
export { Plugin } from './plugin';
export {
  renderWith,
  type Rendered,
  type RenderWithOptions,
} from './render-with';
export { parameterKey } from './parameter-key';
export {
  detectResetMode,
  probeResetModes,
  type ResetMode,
  type ResetProbe,
} from './detect-reset-mode';
export {
  clockInstantForSeed,
  CLOCK_INSTANT_ENV,
  currentClockState,
  deterministicClockEnv,
  libfaketimePath,
  type ClockState,
} from './deterministic-clock';
export type {
  LoadOptions,
  NoteEvent,
  PluginDeterminism,
  PluginFormat,
  PluginInfo,
  PluginParameter,
  RenderedAudio,
  RenderRequest,
} from './types';
export {
  AmbiguousBundleError,
  ClockShimMissingError,
  InvalidDurationError,
  InvalidInputError,
  InvalidNoteError,
  InvalidOptionError,
  Lv2PluginNotInstalledError,
  MissingModuleError,
  ModuleLoadError,
  NotABundleError,
  NotesOnEffectError,
  NotReproducibleError,
  ParameterValueError,
  PluginCallError,
  PluginClosedError,
  PluginNotFoundError,
  PresetFormatError,
  PresetMismatchError,
  UnknownParameterError,
  UnsupportedOperationError,
  VstHostError,
} from './errors';
export { loadNativeAddon, type NativeAddon } from './native-addon';
