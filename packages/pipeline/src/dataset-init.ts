import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type DatasetDirInit, parseCompression, VSTDS_VERSION } from '@vstds/hdf5-chunks';
import { names, type ParamSpec } from '@vstds/param-spec';
import type { PluginIdentity } from '@vstds/workers';
import type { GenerateConfig } from './config-schema';

/** What a dataset directory records of a run: audio attributes, spec, plugin (with its preset), seed. */
export function datasetInit(config: GenerateConfig, spec: ParamSpec, plugin: PluginIdentity, renderNoise: number | null): DatasetDirInit {
  const pitch = spec.note_params.find((p) => p.name === 'pitch');
  const specVelocity = spec.note_params.find((p) => p.name === 'velocity');
  const velocity: number | [number, number] =
    specVelocity && 'min' in specVelocity
      ? [specVelocity.min, specVelocity.max]
      : typeof config.velocity === 'number'
        ? config.velocity
        : [config.velocity[0], config.velocity[1]];
  const pluginRecord = {
    ...plugin,
    preset_path: config.preset_path,
    preset_sha256: config.preset_path ? createHash('sha256').update(readFileSync(config.preset_path)).digest('hex') : null,
  };
  return {
    totalSamples: config.num_samples,
    samplesPerFile: config.samples_per_file,
    fileNaming: config.file_naming,
    compression: parseCompression(config.compression),
    metadata: {
      audio: {
        sample_rate: config.sample_rate,
        channels: config.channels,
        signal_duration_seconds: config.signal_duration_seconds,
        note_duration_seconds: config.note_duration_seconds,
        min_loudness: config.min_loudness,
        velocity,
        min_pitch: pitch && 'min' in pitch ? pitch.min : 0,
        max_pitch: pitch && 'max' in pitch ? pitch.max : 127,
      },
      paramNames: names(spec),
      paramSpec: spec as never,
      plugin: pluginRecord as never,
      seed: config.seed,
      vstdsVersion: VSTDS_VERSION,
    },
    config: config as never,
    extra: { render_noise: renderNoise },
  };
}
