import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: { js: string; css: string } | undefined;

/**
 * uPlot's browser build and stylesheet, read from the installed package so the page inlines them
 * (no CDN: the report opens offline from file://).
 */
export function uplotAssets(): { js: string; css: string } {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('uplot')); // uplot/dist/uPlot.cjs.js
  cached = { js: readFileSync(join(dir, 'uPlot.iife.min.js'), 'utf8'), css: readFileSync(join(dir, 'uPlot.min.css'), 'utf8') };
  return cached;
}
