import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { NotABundleError, PluginNotFoundError } from './errors';
import type { PluginFormat } from './types';

export interface ResolvedPlugin {
  format: PluginFormat;
  /** Absolute bundle path, or the LV2 URI. */
  target: string;
}

const uriPattern = /^[a-z][a-z0-9+.-]*:/i;

/** Decides the format of a `.vst3` bundle, a `.lv2` bundle directory, a `.clap` file, or an LV2 plugin URI. */
export function resolvePluginPath(path: string): ResolvedPlugin {
  if (uriPattern.test(path) && !path.startsWith('file:'))
    return { format: 'lv2', target: path };
  const full = resolve(path);
  if (!existsSync(full)) {
    throw new PluginNotFoundError(
      `${full}: no such file or directory (expected a .vst3 bundle, a .lv2 bundle directory, a .clap file or an LV2 URI)`,
    );
  }
  const isDir = statSync(full).isDirectory();
  if (isDir && existsSync(join(full, 'manifest.ttl')))
    return { format: 'lv2', target: full };
  if (isDir && existsSync(join(full, 'Contents')))
    return { format: 'vst3', target: full };
  if (!isDir && full.endsWith('.clap')) return { format: 'clap', target: full };
  if (!isDir && full.endsWith('.so')) return { format: 'vst3', target: full };
  throw new NotABundleError(
    `${full}: "${basename(full)}" is not a plugin bundle (expected a .vst3 folder with Contents/x86_64-linux/<name>.so, ` +
      'an .lv2 folder with manifest.ttl, or a .clap file)',
  );
}
