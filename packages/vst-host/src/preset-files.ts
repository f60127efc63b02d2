import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PresetFormatError } from './errors';
import type { PluginFormat } from './types';

/** The preset file extension of each format whose presets are files (LV2 keeps presets as bundles). */
export const PRESET_EXTENSIONS: Readonly<Partial<Record<PluginFormat, string>>> = { vst3: '.vstpreset', clap: '.clapstate' };

/**
 * The preset files in `dir` for a plugin of `format`, sorted by name in code-unit order so every
 * machine lists them the same way. A folder with none is an error naming what was looked for.
 */
export function listPresetFiles(dir: string, format: PluginFormat): string[] {
  const ext = PRESET_EXTENSIONS[format];
  if (!ext) throw new PresetFormatError(`${dir}: ${format} presets are not files; preset folders hold ${Object.values(PRESET_EXTENSIONS).join(' or ')} files`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new PresetFormatError(`${dir}: cannot list the preset folder (${(error as Error).message})`);
  }
  const files = names
    .filter((n) => n.endsWith(ext) && statSync(join(dir, n)).isFile())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => join(dir, n));
  if (files.length === 0) throw new PresetFormatError(`${dir}: no ${ext} files (expected a folder of ${format} presets)`);
  return files;
}
