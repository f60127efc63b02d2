import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = resolve(__dirname, '../../src/bin.ts');

export interface Proc {
  child: ChildProcess;
  out: () => string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `vstds` from sources, as a separate process group (so a test can clean up its children). */
export function spawnScaleOut(args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--conditions=@vstds/source', '--import', tsx, entry, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('close', (code, signal) => res({ code, signal })));
  return { child, out: () => text, done };
}

/** Kills a spawned process group (the process, its sandboxed processors and their children). */
export function killGroup(p: Proc): void {
  try {
    process.kill(-p.child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}
