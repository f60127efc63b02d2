export { loadPlugin } from './load-plugin';
export { Plugin } from './plugin';
export { listPresetFiles, PRESET_EXTENSIONS } from './preset-files';
export { loadChain, PluginChain, type ChainRenderRequest, type EffectSource } from './plugin-chain';
export {
  renderWith,
  type Rendered,
  type RenderWithOptions,
} from './render-with';
export { parameterKey } from './parameter-key';
export { maxAbsDifference } from './audio-difference';
export {
  probeParameters,
  type ParameterProbe,
  type ParameterProbes,
  type ProbeParametersOptions,
  type ProbePoint,
} from './probe-parameters';
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
  Renderer,
  PluginParameter,
  RenderedAudio,
  RenderRequest,
} from './types';
export {
  AmbiguousBundleError,
  ClockShimMissingError,
  InvalidDurationError,
  InvalidInputError,
  InvalidOptionError,
  Lv2PluginNotInstalledError,
  MissingFeatureError,
  MissingModuleError,
  ModuleLoadError,
  NotABundleError,
  NotesOnEffectError,
  NotReproducibleError,
  ParameterValueError,
  PluginCallError,
  PluginClosedError,
  PluginNotFoundError,
  PluginRoleError,
  PresetFormatError,
  PresetMismatchError,
  UnknownParameterError,
  UnsupportedOperationError,
  VstHostError,
} from './errors';
// Notes are @vstds/midi's: one definition of a playable note and of the error for one that is not.
export { InvalidNoteError } from '@vstds/midi';
export { loadNativeAddon, type NativeAddon } from './native-addon';
