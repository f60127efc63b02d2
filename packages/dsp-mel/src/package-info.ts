import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's name and version, read from its package.json (src/ and dist/ sit one level below it). */
export function packageInfo(): { name: string; version: string } {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json');
  const { name, version } = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
  return { name, version };
}
