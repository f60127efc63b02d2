import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const BIN = join(ROOT, 'packages/cli/dist/bin.js');
export const TMP = join(ROOT, 'tmp/report-test');

/** Few, short rows of the built-in JX10 (LV2) and Nekobi (VST3) configs: real renders, quick to make. */
const CONFIGS = {
  jx10: { plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10' },
  nekobi: { plugin_path: join(ROOT, '.plugins/vst3/Nekobi.vst3'), param_spec: 'nekobi' },
} as const;

export interface DatasetFixture {
  dir: string;
  rows: number;
  signalSeconds: number;
}

/** Runs the real CLI (`vstds generate`) into tmp/report-test/NAME; returns the dataset directory. */
export function generateDataset(name: string, synth: keyof typeof CONFIGS, rows: number, perFile: number): DatasetFixture {
  const base = join(TMP, name);
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const dir = join(base, 'dataset');
  const signalSeconds = 2;
  const c = CONFIGS[synth];
  const yaml = [
    `plugin_path: ${JSON.stringify(c.plugin_path)}`, `param_spec: ${c.param_spec}`, `output_dir: ${JSON.stringify(dir)}`,
    `num_samples: ${rows}`, `samples_per_file: ${perFile}`, 'num_workers: 1', 'seed: 7', 'sample_rate: 44100', 'channels: 2',
    `signal_duration_seconds: ${signalSeconds}`, 'note_duration_seconds: 0.5', 'velocity: 100', 'min_loudness: -55',
  ].join('\n');
  const config = join(base, 'config.yaml');
  writeFileSync(config, `${yaml}\n`);
  const r = spawnSync(process.execPath, [BIN, 'generate', '--config', config], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`vstds generate (${synth}) failed with ${r.status}: ${r.stderr}`);
  return { dir, rows, signalSeconds };
}

/** A copy of a dataset to damage or cut short. */
export function copyDataset(from: string, name: string): string {
  const to = join(TMP, name);
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  return to;
}

/** Runs `vstds ARGS…` as a child process. */
export function runCli(args: string[], timeout = 300_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
