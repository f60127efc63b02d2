import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const fixtureRunner = resolve(__dirname, 'fixtures/fixture-chunk-runner.ts');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `vstds-so-${prefix}-`));
}

/** A small dataset config the fixture runner makes quickly (no plugin). */
export function writeFixtureConfig(dir: string, keys: Record<string, unknown>): string {
  const path = join(dir, 'fixture.yaml');
  const all = {
    plugin_path: 'fixture:none',
    param_spec: 'mda_jx10',
    num_samples: 48,
    samples_per_file: 6,
    num_workers: 1,
    sample_rate: 8000,
    signal_duration_seconds: 0.25,
    note_duration_seconds: 0.1,
    seed: 1234,
    ...keys,
  };
  writeFileSync(path, Object.entries(all).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n') + '\n');
  return path;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => (t = setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(t);
  }
}

/** Per chunk file, sha256 of each array's bytes as Debian's h5py reads them. */
export function h5Digest(dir: string): Record<string, Record<string, string | number>> {
  return JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, 'fixtures/h5-digest.py'), dir], { encoding: 'utf8' }));
}

/** Child processes of `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
