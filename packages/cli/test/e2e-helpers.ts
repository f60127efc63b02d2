import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliIO } from '../src/index';

export const repoRoot = resolve(__dirname, '../../..');
export const pluginsDir = join(repoRoot, '.plugins/vst3');
export const faultSpec = join(repoRoot, 'tools/fixtures/fault-synth/fault_spec.yaml');

const made: string[] = [];

/** A fresh temporary directory, removed by cleanupTempDirs (call it in afterAll). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `vstds-${prefix}-`));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes a YAML config (a flat mapping) into `dir` and returns its path. */
export function writeConfig(dir: string, name: string, keys: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(path, Object.entries(keys).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n') + '\n');
  return path;
}

export interface DatasetDigest {
  rows: number;
  dtypes: Record<string, string>;
  shapes: Record<string, number[]>;
  finite: boolean;
  sha256: Record<string, string>;
}

/** Reads every chunk with Debian's h5py and hashes each stored array. */
export function digestDataset(dir: string): DatasetDigest {
  const out = execFileSync('/usr/bin/python3', [join(__dirname, 'fixtures/dataset-digest.py'), dir], { encoding: 'utf8' });
  return JSON.parse(out) as DatasetDigest;
}

/** The built `vstds` binary (`npx vstds` runs it; vitest.config.ts builds it before the tests). */
export const vstdsBin = join(__dirname, '../bin/vstds.js');

/** The CLI as a separate process, the way users run it. */
export function spawnCli(args: string[], opts: { cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, [vstdsBin, ...args], {
    cwd: opts.cwd ?? repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function collect(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((res) => child.on('close', (code, signal) => res({ code, signal, stdout, stderr })));
}

/** An in-process CLI environment that records what the commands print. */
export function captureIO(cwd = repoRoot, env: NodeJS.ProcessEnv = {}): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    isTTY: false,
    env,
    cwd,
  };
  return io;
}
