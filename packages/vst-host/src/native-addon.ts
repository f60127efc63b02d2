import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The functions the native addon exports. Grows with the host. */
export interface NativeAddon {
  addonVersion(): string;
}

// src/ and dist/ both sit one level below the package root, where prebuilds/ lives.
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

let addon: NativeAddon | undefined;

/** Loads the compiled addon once per process (node-gyp-build looks in prebuilds/ then build/). */
export function loadNativeAddon(): NativeAddon {
  if (!addon) {
    const require = createRequire(import.meta.url);
    const nodeGypBuild = require('node-gyp-build') as (dir: string) => NativeAddon;
    addon = nodeGypBuild(packageRoot);
  }
  return addon;
}
