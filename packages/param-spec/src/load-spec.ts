import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecNotFoundError } from './errors';
import { parseSpec, type SpecOptions } from './parse-spec';
import type { ParamSpec } from './spec-types';

/** The package's specs/ folder: one level above both src/ (tests) and dist/ (published build). */
export function builtInSpecDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'specs');
}

/** Names of the specs shipped with the package (surge_xt, surge_simple, surge_4, mda_jx10, nekobi). */
export function builtInSpecNames(): string[] {
  return readdirSync(builtInSpecDir())
    .filter((f) => extname(f) === '.yaml')
    .map((f) => basename(f, '.yaml'))
    .sort();
}

/** A built-in spec by name, or a .yaml/.yml/.json spec file by path. */
export function loadSpec(nameOrPath: string, opts: SpecOptions = {}): ParamSpec {
  const builtIns = builtInSpecNames();
  const file = builtIns.includes(nameOrPath)
    ? join(builtInSpecDir(), `${nameOrPath}.yaml`)
    : existsSync(nameOrPath) && statSync(nameOrPath).isFile()
      ? nameOrPath
      : undefined;
  if (file === undefined) throw new SpecNotFoundError(nameOrPath, builtIns);
  return parseSpec(readFileSync(file, 'utf8'), file, opts);
}
