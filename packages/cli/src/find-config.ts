import { existsSync, readlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * The directory the user typed the command in. npm scripts start us in the package directory and
 * record the user's directory in INIT_CWD; under `nx run` npm's INIT_CWD is the package directory
 * too, so the directory is read from the nx process (NX_INVOCATION_ROOT_PID, Linux /proc), falling
 * back to the workspace root.
 */
export function userCwd(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (env.NX_TASK_TARGET_PROJECT && env.NX_WORKSPACE_ROOT) {
    try {
      const nxCwd = readlinkSync(`/proc/${Number(env.NX_INVOCATION_ROOT_PID)}/cwd`);
      if (existsSync(nxCwd)) return nxCwd;
    } catch {
      /* not Linux, or the process is gone */
    }
    return env.NX_WORKSPACE_ROOT;
  }
  return env.INIT_CWD && existsSync(env.INIT_CWD) ? env.INIT_CWD : cwd;
}

/** The Nx workspace root above `from` (the directory holding nx.json), if any. */
export function workspaceRoot(from: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NX_WORKSPACE_ROOT && existsSync(join(env.NX_WORKSPACE_ROOT, 'nx.json'))) return env.NX_WORKSPACE_ROOT;
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Resolves a path given on the command line: against the user's directory first, then (for
 * `nx run cli:generate --config=configs/x.yaml` typed at the repo root or anywhere inside it)
 * against the workspace root.
 */
export function resolveUserPath(p: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (isAbsolute(p)) return p;
  const first = resolve(userCwd(env, cwd), p);
  if (existsSync(first)) return first;
  const root = workspaceRoot(userCwd(env, cwd), env);
  if (root && existsSync(resolve(root, p))) return resolve(root, p);
  return first;
}
