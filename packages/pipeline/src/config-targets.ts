import { existsSync } from 'node:fs';
import { builtInSpecNames } from '@vstds/param-spec';
import { basename } from 'node:path';
import type { GenerateConfig } from './config-schema';
import { ConfigError } from './errors';
import { isBuiltinSpecName, isUri } from './load-config';


/**
 * Problems with what a valid config points at: a plugin, spec or preset path that does not exist,
 * a spec name that is not built in. One line each, `FILE: KEY: expected …, got …`, so that they
 * are config errors (exit 2) before any worker starts, not failures of the run.
 */
export function configTargetProblems(config: GenerateConfig, where: (key: string) => string): string[] {
  const problems: string[] = [];
  const { plugin_path: plugin, param_spec: spec, preset_path: preset } = config;
  if (!isUri(plugin) && !existsSync(plugin)) {
    problems.push(`${where('plugin_path')}: expected a .vst3 bundle, an .lv2 bundle directory or an LV2 URI, got "${plugin}" (no such file or directory)`);
  }
  if (isBuiltinSpecName(spec)) {
    const names = builtInSpecNames();
    if (!names.includes(spec)) problems.push(`${where('param_spec')}: expected a built-in spec name (${names.join(', ')}) or a spec file path, got "${spec}"`);
  } else if (!existsSync(spec)) {
    problems.push(`${where('param_spec')}: expected a built-in spec name or an existing .yaml/.json spec file, got "${spec}" (no such file)`);
  }
  if (preset && !existsSync(preset)) problems.push(`${where('preset_path')}: expected an existing preset file, got "${preset}" (no such file)`);
  config.effects.forEach((e, i) => {
    const key = `effects[${i}]`;
    if (!isUri(e.plugin_path) && !existsSync(e.plugin_path)) problems.push(`${where(`${key}.plugin_path`)}: expected an effect plugin (.vst3, .lv2, .clap or an LV2 URI), got "${e.plugin_path}" (no such file or directory)`);
    if (!isBuiltinSpecName(e.param_spec) && !existsSync(e.param_spec)) problems.push(`${where(`${key}.param_spec`)}: expected an existing effect spec file, got "${e.param_spec}" (no such file)`);
    if (e.preset_path && !existsSync(e.preset_path)) problems.push(`${where(`${key}.preset_path`)}: expected an existing preset file, got "${e.preset_path}" (no such file)`);
  });
  return problems;
}

/** Throws ConfigError (exit 2) when what a config of `file` points at is not there. */
export function assertConfigTargets(config: GenerateConfig, file: string): void {
  const problems = configTargetProblems(config, (key) => `${basename(file)}: ${key}`);
  if (problems.length > 0) throw new ConfigError(problems);
}
