/**
 * The fields of a plugin parameter that specs are checked against. Structurally the same as the
 * entries of @vstds/vst-host's `plugin.parameters`, which this package deliberately does not import:
 * specs are plain data and stay independent of the native host.
 */
export interface PluginParameterInfo {
  id: number | string;
  /** pedalboard-style key, e.g. "a_amp_eg_attack"; spec parameter names must be these keys. */
  key: string;
  title: string;
  units: string;
  /** Normalized default in [0, 1]. */
  defaultValue: number;
  /** 0 for continuous; n for a parameter with n + 1 discrete steps. */
  stepCount: number;
  /** Display string of each step, when the plugin provides them. */
  valueStrings?: readonly string[];
}
