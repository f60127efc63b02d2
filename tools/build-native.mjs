#!/usr/bin/env node
// Builds a package's native addon with cmake-js (offline: headers from node-api-headers) and copies
// the result to prebuilds/<platform>-<arch>/node.napi.node, where node-gyp-build finds it.
// Usage: node tools/build-native.mjs <packageDir> [--debug]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const pkgDir = resolve(process.argv[2] ?? '.');
const debug = process.argv.includes('--debug');
const require = createRequire(join(pkgDir, 'package.json'));
const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
const jobs = String(Math.max(1, (await import('node:os')).availableParallelism()));
execFileSync(process.execPath, [cmakeJs, 'compile', '--runtime=node', '-p', jobs, ...(debug ? ['--debug'] : [])], {
  cwd: pkgDir,
  stdio: 'inherit',
  env: { ...process.env, CMAKE_BUILD_PARALLEL_LEVEL: jobs },
});
const buildDir = join(pkgDir, 'build', debug ? 'Debug' : 'Release');
const built = readdirSync(buildDir).filter((f) => f.endsWith('.node'));
if (built.length !== 1) throw new Error(`${buildDir}: expected one .node file, found ${built.length}`);
const dest = join(pkgDir, 'prebuilds', `${process.platform}-${process.arch}`);
mkdirSync(dest, { recursive: true });
copyFileSync(join(buildDir, built[0]), join(dest, 'node.napi.node'));
console.log(`[build-native] ${join(buildDir, built[0])} -> ${join(dest, 'node.napi.node')}`);
