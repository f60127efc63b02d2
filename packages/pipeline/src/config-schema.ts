import { COMPRESSION_CHOICES, type CompressionSetting, DEFAULT_COMPRESSION, parseCompression } from '@vstds/hdf5-chunks';
import { z } from 'zod';

/**
 * The generate config: the seed's YAML keys, validated per key so that every problem becomes one
 * line naming the key, what was expected and what was found. `expected` texts are part of the
 * user-facing error format.
 */

const positiveInt = z.number().int().positive();
const midiNote = z.number().int().min(0).max(127);
const midiVelocity = z.number().int().min(1).max(127);
const nonEmpty = z.string().trim().min(1);

/** One codec or a map per array; @vstds/hdf5-chunks decides what is valid (and installed). */
export const compressionSchema = z.union([z.string(), z.record(z.string(), z.string())]).refine((v) => {
  try {
    parseCompression(v);
    return true;
  } catch {
    return false;
  }
});

export const configKeys = {
  plugin_path: { schema: nonEmpty, expected: 'a plugin path (.vst3 bundle, .lv2 bundle) or an LV2 URI' },
  preset_path: { schema: nonEmpty, expected: 'a path to a .vstpreset file' },
  preset_dir: { schema: nonEmpty, expected: 'a directory of preset files (.vstpreset for VST3, .clapstate for CLAP)' },
  param_spec: { schema: nonEmpty, expected: 'a built-in spec name or a path to a spec .yaml/.json' },
  output_dir: { schema: nonEmpty, expected: 'a directory path' },
  num_samples: { schema: positiveInt, expected: 'a positive integer' },
  samples_per_file: { schema: positiveInt, expected: 'a positive integer' },
  samples_per_chunk: { schema: positiveInt, expected: 'a positive integer' },
  file_naming: {
    schema: z.string().regex(/\{chunk(:0?\d+d)?\}/),
    expected: 'a file name pattern containing {chunk} or {chunk:04d}',
  },
  num_workers: { schema: positiveInt.max(256), expected: 'an integer from 1 to 256' },
  seed: { schema: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), expected: 'a non-negative integer' },
  sample_rate: { schema: z.number().int().min(8000).max(384000), expected: 'an integer sample rate from 8000 to 384000' },
  channels: { schema: z.union([z.literal(1), z.literal(2)]), expected: '1 or 2' },
  signal_duration_seconds: { schema: z.number().positive().max(600), expected: 'a number of seconds in (0, 600]' },
  note_duration_seconds: { schema: z.number().positive().max(600), expected: 'a number of seconds in (0, 600]' },
  min_pitch: { schema: midiNote, expected: 'a MIDI note from 0 to 127' },
  max_pitch: { schema: midiNote, expected: 'a MIDI note from 0 to 127' },
  velocity: {
    schema: z.union([midiVelocity, z.tuple([midiVelocity, midiVelocity])]),
    expected: 'a MIDI velocity from 1 to 127 or a range [lo, hi]',
  },
  min_loudness: { schema: z.number().min(-200).max(0), expected: 'a loudness in LUFS from -200 to 0' },
  max_attempts_per_sample: { schema: positiveInt, expected: 'a positive integer' },
  render_timeout_seconds: { schema: z.number().positive().max(86400), expected: 'a positive number of seconds' },
  block_size: { schema: z.number().int().min(16).max(8192), expected: 'an integer block size from 16 to 8192' },
  compression: { schema: compressionSchema, expected: COMPRESSION_CHOICES },
  reproducible: { schema: z.enum(['auto', 'strict', 'off']), expected: 'auto, strict or off' },
  effects: {
    schema: z.array(z.strictObject({ plugin_path: nonEmpty, param_spec: nonEmpty, preset_path: nonEmpty.optional() })),
    expected: 'a list of effects, each {plugin_path, param_spec, preset_path (optional)}',
  },
  max_crash_rate: {
    schema: z.number().min(0).max(1),
    expected: 'a fraction of render attempts from 0 to 1 (0: stop at the first worker crash, 1: never stop)',
  },
  crash_rate_min_attempts: { schema: positiveInt, expected: 'a positive integer (render attempts before max_crash_rate applies)' },
  max_peak: { schema: z.union([z.null(), z.number().positive()]), expected: 'a positive linear peak level (1.0 = full scale) or null' },
  clip_policy: { schema: z.enum(['reject', 'keep']), expected: 'reject (re-draw rows over max_peak) or keep (store and count them)' },
  split: {
    schema: z.union([
      z.null(),
      z.strictObject({
        val: z.number().min(0).lt(1).optional(),
        test: z.number().min(0).lt(1).optional(),
        seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        stats: z.boolean().optional(),
      }),
    ]),
    expected: 'a mapping {val: 0.1, test: 0.1, seed: N, stats: true} (split the dataset when it is complete)',
  },
} as const;

export type ConfigKey = keyof typeof configKeys;
export const knownConfigKeys = Object.keys(configKeys) as ConfigKey[];

/** Keys a config must give (after command-line overrides). */
export const requiredConfigKeys: readonly ConfigKey[] = ['plugin_path', 'param_spec', 'output_dir', 'num_samples'];

/** The config file as written: every key optional here, required ones are checked separately. */
export const rawConfigSchema = z.strictObject(
  Object.fromEntries(knownConfigKeys.map((k) => [k, configKeys[k].schema.optional()])) as {
    [K in ConfigKey]: z.ZodOptional<(typeof configKeys)[K]['schema']>;
  },
);
export type RawConfig = z.infer<typeof rawConfigSchema>;

/** Fully resolved config: defaults applied, relative paths made absolute, alias folded. */
export interface GenerateConfig {
  plugin_path: string;
  preset_path: string | null;
  /**
   * A preset dataset: one row per loadable preset of this folder, in name order (num_samples 0), or
   * num_samples rows cycling through them. Absent (not null) otherwise, so configs without it
   * record the same manifest as before.
   */
  preset_dir?: string;
  param_spec: string;
  output_dir: string;
  num_samples: number;
  samples_per_file: number;
  file_naming: string;
  num_workers: number;
  seed: number;
  sample_rate: number;
  channels: 1 | 2;
  signal_duration_seconds: number;
  note_duration_seconds: number;
  min_pitch: number | null;
  max_pitch: number | null;
  velocity: number | readonly [number, number];
  min_loudness: number;
  max_attempts_per_sample: number;
  render_timeout_seconds: number;
  block_size: number;
  compression: CompressionSetting;
  /** Bit-reproducible audio from clock-seeded plugins: frozen wall clock + a probed pristine-state reset. */
  reproducible: 'auto' | 'strict' | 'off';
  /** Effect plugins after the instrument, in order; their parameters are sampled per row after the synth's. */
  effects: { plugin_path: string; param_spec: string; preset_path: string | null }[];
  /** Write train/val/test split files (and stats.npz) when the dataset is complete; null: don't. */
  split: { val?: number; test?: number; seed?: number; stats?: boolean } | null;
  /** Stop the run when more than this fraction of render attempts kill their worker (crash or timeout). */
  max_crash_rate: number;
  /** Render attempts before max_crash_rate applies (one early crash must not stop a run). */
  crash_rate_min_attempts: number;
  /** Peak level (max |sample|, linear) above which clip_policy applies; null: no threshold. */
  max_peak: number | null;
  /** reject: rows over max_peak are re-drawn (rejection reason `clipped`); keep: stored and counted. */
  clip_policy: 'reject' | 'keep';
}

export const configDefaults = {
  preset_path: null,
  samples_per_file: 1000,
  file_naming: 'dataset_{chunk:04d}.h5',
  seed: 42,
  sample_rate: 44100,
  channels: 2,
  signal_duration_seconds: 4,
  note_duration_seconds: 1,
  min_pitch: null,
  max_pitch: null,
  velocity: 100,
  min_loudness: -55,
  max_attempts_per_sample: 100,
  render_timeout_seconds: 30,
  block_size: 512,
  compression: DEFAULT_COMPRESSION,
  reproducible: 'off',
  effects: [],
  split: null,
  max_crash_rate: 0.5,
  crash_rate_min_attempts: 20,
  max_peak: null,
  clip_policy: 'keep',
} as const satisfies Partial<GenerateConfig>;

/**
 * Keys that do not change the dataset's content: a resumed run may change them freely.
 * (num_workers changes the speed, not the bytes.)
 */
export const contentNeutralKeys: readonly (keyof GenerateConfig)[] = [
  'num_workers', 'render_timeout_seconds', 'output_dir', 'split', 'max_crash_rate', 'crash_rate_min_attempts',
];
