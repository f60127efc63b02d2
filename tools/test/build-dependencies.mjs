// vitest globalSetup for a package tested against builds (vitest.shared.ts, `dependencies: 'build'`):
// builds the package and the workspace packages it depends on through Nx, so a test never runs a
// stale `dist/`. Cached by Nx: a few seconds when nothing changed.
import { execFileSync } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** @param {import('vitest/node').TestProject} project */
export default function buildDependencies(project) {
  const target = `${basename(project.config.root)}:build`;
  try {
    execFileSync('npx', ['nx', 'run', target, '--output-style=static'], {
      cwd: workspace,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      stdio: 'pipe',
      encoding: 'utf8',
    });
  } catch (e) {
    throw new Error(`the tests of ${project.config.root} run against builds, and \`npx nx run ${target}\` failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
