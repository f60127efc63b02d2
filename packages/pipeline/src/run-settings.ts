import { chainSpec, type EffectSpec, effectPrefix, loadSpec, type ParamSpec, withPitchRange } from '@vstds/param-spec';
import { deterministicClockEnv } from '@vstds/vst-host';
import type { DrawSettings, RenderSettings } from '@vstds/workers';
import type { GenerateConfig } from './config-schema';

/**
 * The spec rows are drawn, encoded and stored with: the instrument's, then each effect's under its
 * prefix (param-spec chainSpec), so effect parameters come after the synth's in every row.
 */
export function resolveRunSpec(config: GenerateConfig): ParamSpec {
  return chainSpec(resolveInstrumentSpec(config), effectSpecs(config));
}

/** Each effect's own spec and the prefix of its parameters in the run's spec. */
export function effectSpecs(config: GenerateConfig): EffectSpec[] {
  return config.effects.map((e, i) => ({ prefix: effectPrefix(i), spec: loadSpec(e.param_spec, { role: 'effect' }) }));
}

/** The instrument's spec: the named or given spec, with the config's pitch range when set. */
export function resolveInstrumentSpec(config: GenerateConfig): ParamSpec {
  const spec = loadSpec(config.param_spec);
  if (config.min_pitch === null && config.max_pitch === null) return spec;
  const pitch = spec.note_params.find((p) => p.name === 'pitch');
  const min = config.min_pitch ?? (pitch && 'min' in pitch ? pitch.min : 0);
  const max = config.max_pitch ?? (pitch && 'max' in pitch ? pitch.max : 127);
  return withPitchRange(spec, min, max);
}

/** How the workers render and judge rows, from the config. */
export function renderSettings(config: GenerateConfig): RenderSettings {
  return {
    pluginPath: config.plugin_path,
    presetPath: config.preset_path,
    sampleRate: config.sample_rate,
    blockSize: config.block_size,
    channels: config.channels,
    seconds: config.signal_duration_seconds,
    minLoudness: config.min_loudness,
    maxPeak: config.max_peak,
    clipPolicy: config.clip_policy,
    reproducible: config.reproducible,
    effects: effectSpecs(config).map(({ prefix, spec }, i) => ({
      pluginPath: config.effects[i]!.plugin_path,
      presetPath: config.effects[i]!.preset_path,
      spec,
      prefix,
    })),
  };
}

/** The render processes' environment: the wall clock frozen at the seed's instant unless `reproducible: off`. */
export function renderEnv(config: GenerateConfig): Record<string, string> | undefined {
  return config.reproducible === 'off' ? undefined : deterministicClockEnv(config.seed);
}

/** How rows are drawn (seed, notes), from the config. */
export function drawSettings(config: GenerateConfig): DrawSettings {
  return {
    seed: config.seed,
    signalDurationSeconds: config.signal_duration_seconds,
    noteDurationSeconds: config.note_duration_seconds,
    velocity: config.velocity,
  };
}
