import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { closestKeys } from '@vstds/param-spec';
import {
  type ConfigKey,
  configDefaults,
  configKeys,
  type GenerateConfig,
  knownConfigKeys,
  rawConfigSchema,
  requiredConfigKeys,
} from './config-schema';
import { ConfigError } from './errors';

/** Command-line flags that override config keys; paths here resolve against `cwd`. */
export interface ConfigOverrides {
  num_samples?: unknown;
  num_workers?: unknown;
  output_dir?: unknown;
  seed?: unknown;
  samples_per_file?: unknown;
  plugin_path?: unknown;
  param_spec?: unknown;
  preset_path?: unknown;
}

/** Where a value came from, for the error line's prefix. */
const flagNames: Record<string, string> = {
  num_samples: '--num-samples',
  num_workers: '--workers',
  output_dir: '--output',
  seed: '--seed',
  samples_per_file: '--samples-per-file',
  plugin_path: '--plugin',
  param_spec: '--spec',
  preset_path: '--preset',
};

/** A short, unambiguous rendering of what the user wrote, for "got …". */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (an empty value)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const json = JSON.stringify(v);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** A value that names something outside the file system (an LV2 URI) stays as written. */
export function isUri(p: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(p) && !/^[a-z]:[\\/]/i.test(p);
}

/** Built-in spec names are bare identifiers; anything else is a path. */
export function isBuiltinSpecName(s: string): boolean {
  return /^[a-z0-9_]+$/i.test(s);
}

function resolvePath(base: string, p: string): string {
  return isUri(p) || isAbsolute(p) ? p : resolve(base, p);
}

/**
 * Reads, validates and resolves a YAML generate config.
 * Relative paths in the file resolve against the file's directory; relative paths given as
 * command-line overrides resolve against `cwd` (the user's shell directory).
 * Throws ConfigError with one line per problem.
 */
export function loadConfig(file: string, overrides: ConfigOverrides = {}, cwd = process.cwd()): GenerateConfig {
  const label = basename(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError([`${file}: cannot read the config file (${code})`]);
  }
  return parseConfig(text, { label, baseDir: dirname(resolve(cwd, file)), overrides, cwd });
}

export interface ParseConfigOptions {
  /** Name used in error lines (the file's base name). */
  label: string;
  /** Directory relative paths in the text resolve against. */
  baseDir: string;
  overrides?: ConfigOverrides;
  cwd?: string;
}

/** Validates config text (YAML or JSON); see loadConfig. */
export function parseConfig(text: string, opts: ParseConfigOptions): GenerateConfig {
  const { label, baseDir } = opts;
  const cwd = opts.cwd ?? process.cwd();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
        return `${label}: invalid YAML${where}: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError([`${label}: expected a mapping of config keys, got ${describeValue(raw)}`]);
  }
  const fromFile = raw as Record<string, unknown>;
  const problems: string[] = [];

  for (const key of Object.keys(fromFile)) {
    if (!(knownConfigKeys as string[]).includes(key)) {
      const [best] = closestKeys(key, knownConfigKeys);
      problems.push(`${label}: ${key}: unknown key (did you mean ${best}?)`);
    }
  }

  const merged: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const key of knownConfigKeys) {
    if (key in fromFile) {
      merged[key] = fromFile[key];
      origin[key] = label;
    }
  }
  for (const [key, value] of Object.entries(opts.overrides ?? {})) {
    if (value === undefined) continue;
    merged[key] = value;
    origin[key] = flagNames[key] ?? label;
    // A flag replaces the key and its alias.
    if (key === 'samples_per_file') delete merged.samples_per_chunk;
  }

  const result = rawConfigSchema.safeParse(merged);
  if (!result.success) {
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (!key || seen.has(key) || !(key in configKeys)) continue;
      seen.add(key);
      const where = origin[key] === label ? `${label}: ${key}` : `${origin[key]}`;
      problems.push(`${where}: expected ${configKeys[key as ConfigKey].expected}, got ${describeValue(merged[key])}`);
    }
  }
  for (const key of requiredConfigKeys) {
    // A preset dataset has one row per loadable preset unless num_samples says otherwise.
    if (key === 'num_samples' && merged.preset_dir !== undefined) continue;
    if (merged[key] === undefined && !problems.some((p) => p.includes(`: ${key}:`))) {
      problems.push(`${label}: ${key}: expected ${configKeys[key].expected}, got nothing (the key is required)`);
    }
  }
  if (merged.samples_per_file !== undefined && merged.samples_per_chunk !== undefined) {
    problems.push(
      `${label}: samples_per_chunk: expected either samples_per_file or its alias samples_per_chunk, got both`,
    );
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);

  const c = result.data;
  const crossProblems: string[] = [];
  const minPitch = c.min_pitch ?? null;
  const maxPitch = c.max_pitch ?? null;
  if (minPitch !== null && maxPitch !== null && minPitch >= maxPitch) {
    crossProblems.push(`${label}: min_pitch: expected less than max_pitch (${maxPitch}), got ${minPitch}`);
  }
  const velocity = c.velocity ?? configDefaults.velocity;
  if (Array.isArray(velocity) && velocity[0] > velocity[1]) {
    crossProblems.push(`${label}: velocity: expected a range [lo, hi] with lo <= hi, got ${describeValue(velocity)}`);
  }
  const signal = c.signal_duration_seconds ?? configDefaults.signal_duration_seconds;
  const note = c.note_duration_seconds ?? configDefaults.note_duration_seconds;
  if (note > signal) {
    crossProblems.push(
      `${label}: note_duration_seconds: expected at most signal_duration_seconds (${signal}), got ${note}`,
    );
  }
  if (c.preset_dir !== undefined) {
    if (c.preset_path) crossProblems.push(`${label}: preset_path: expected either preset_path or preset_dir (each preset is a whole state), got both`);
    if ((c.effects ?? []).length > 0) {
      crossProblems.push(`${label}: preset_dir: expected no effects (a preset dataset renders the instrument's presets alone), got ${c.effects!.length} effects`);
    }
  }
  const maxPeak = c.max_peak ?? configDefaults.max_peak;
  const clipPolicy = c.clip_policy ?? configDefaults.clip_policy;
  if (clipPolicy === 'reject' && maxPeak === null) {
    crossProblems.push(`${label}: clip_policy: reject needs max_peak (e.g. max_peak: 1.0), got no max_peak`);
  }
  if (crossProblems.length > 0) throw new ConfigError(crossProblems);

  const base = (key: string): string => (origin[key] === label ? baseDir : cwd);
  const paramSpec = c.param_spec!;
  return {
    plugin_path: resolvePath(base('plugin_path'), c.plugin_path!),
    preset_path: c.preset_path ? resolvePath(base('preset_path'), c.preset_path) : null,
    ...(c.preset_dir !== undefined ? { preset_dir: resolvePath(base('preset_dir'), c.preset_dir) } : {}),
    param_spec: isBuiltinSpecName(paramSpec) ? paramSpec : resolvePath(base('param_spec'), paramSpec),
    output_dir: resolve(base('output_dir'), c.output_dir!),
    // 0: one row per loadable preset (preset_dir only; the required-key check refused it otherwise).
    num_samples: c.num_samples ?? 0,
    samples_per_file: c.samples_per_file ?? c.samples_per_chunk ?? configDefaults.samples_per_file,
    file_naming: c.file_naming ?? configDefaults.file_naming,
    num_workers: c.num_workers ?? availableParallelism(),
    seed: c.seed ?? configDefaults.seed,
    sample_rate: c.sample_rate ?? configDefaults.sample_rate,
    channels: c.channels ?? configDefaults.channels,
    signal_duration_seconds: signal,
    note_duration_seconds: note,
    min_pitch: minPitch,
    max_pitch: maxPitch,
    velocity: Array.isArray(velocity) ? ([velocity[0], velocity[1]] as const) : (velocity as number),
    min_loudness: c.min_loudness ?? configDefaults.min_loudness,
    reproducible: c.reproducible ?? configDefaults.reproducible,
    effects: (c.effects ?? []).map((e) => ({
      plugin_path: resolvePath(base('effects'), e.plugin_path),
      param_spec: isBuiltinSpecName(e.param_spec) ? e.param_spec : resolvePath(base('effects'), e.param_spec),
      preset_path: e.preset_path ? resolvePath(base('effects'), e.preset_path) : null,
    })),
    split: c.split ?? configDefaults.split,
    max_attempts_per_sample: c.max_attempts_per_sample ?? configDefaults.max_attempts_per_sample,
    render_timeout_seconds: c.render_timeout_seconds ?? configDefaults.render_timeout_seconds,
    block_size: c.block_size ?? configDefaults.block_size,
    compression: c.compression ?? configDefaults.compression,
    max_crash_rate: c.max_crash_rate ?? configDefaults.max_crash_rate,
    crash_rate_min_attempts: c.crash_rate_min_attempts ?? configDefaults.crash_rate_min_attempts,
    max_peak: maxPeak,
    clip_policy: clipPolicy,
  };
}
