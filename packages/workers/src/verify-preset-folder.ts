import { join } from 'node:path';
import { sha256File } from '@vstds/hdf5-chunks';
import { listPresetFiles, type PluginFormat } from '@vstds/vst-host';
import { PresetChangedError } from './errors';
import type { PresetTable } from './preset-table';

/**
 * Checks that a preset folder still holds exactly the files a dataset's table was made from
 * (same names, same bytes), so a resumed run gives every row the preset it had. Throws
 * PresetChangedError naming the first file added, removed or changed.
 */
export function verifyPresetFolder(dir: string, format: PluginFormat, table: PresetTable): void {
  const recorded = new Map<string, string>([...table.presets, ...table.skipped].map((p) => [p.file, p.sha256]));
  const found = listPresetFiles(dir, format).map((path) => path.slice(dir.length + 1));
  for (const file of found) {
    if (!recorded.has(file)) throw new PresetChangedError(join(dir, file), 'a preset file was added');
  }
  for (const [file, sha256] of recorded) {
    const path = join(dir, file);
    if (!found.includes(file)) throw new PresetChangedError(path, 'the preset file was removed');
    // An unreadable file was recorded with no hash; it must still be there, nothing more.
    if (sha256 === '') continue;
    const now = sha256File(path).sha256;
    if (now !== sha256) throw new PresetChangedError(path, `expected sha256 ${sha256}, found ${now}`);
  }
}
