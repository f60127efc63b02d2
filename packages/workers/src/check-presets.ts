import { basename } from 'node:path';
import { type ParamSpec, presetRow } from '@vstds/param-spec';
import { JobFaultError, NoLoadablePresetsError } from './errors';
import type { RenderPool } from './render-pool';
import type { LoadablePreset, PresetTable, SkippedPreset } from './preset-table';

/**
 * The load check of a preset folder, on the pool's workers (a preset that crashes the plugin
 * kills a worker, not the run): each file is loaded, its parameters read back and checked
 * against the spec. The table keeps the files' order (give them sorted, e.g. vst-host
 * listPresetFiles), so row ids follow the loadable presets in that order. Throws
 * NoLoadablePresetsError when none loads.
 */
export async function checkPresets(pool: RenderPool, spec: ParamSpec, dir: string, files: readonly string[]): Promise<PresetTable> {
  const results = await Promise.all(
    files.map(async (path): Promise<LoadablePreset | SkippedPreset> => {
      const file = path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : basename(path);
      let r;
      try {
        r = await pool.run({ kind: 'preset-check', path });
      } catch (e) {
        if (e instanceof JobFaultError) return { file, sha256: '', code: e.code, message: e.message };
        throw e;
      }
      if (r.kind !== 'preset-check') throw new Error('preset check: the worker answered with another kind of result');
      if ('error' in r) return { file, sha256: r.sha256, code: r.error.code ?? r.error.name, message: r.error.message };
      try {
        const { outOfSpec } = presetRow(spec, { seed: 0, index: 0, attempt: 0 }, r.values);
        return { file, sha256: r.sha256, values: r.values, outOfSpec };
      } catch (e) {
        const err = e as Error & { code?: string };
        return { file, sha256: r.sha256, code: err.code ?? err.name, message: err.message };
      }
    }),
  );
  const presets = results.filter((r): r is LoadablePreset => 'values' in r);
  const skipped = results.filter((r): r is SkippedPreset => !('values' in r));
  if (presets.length === 0) throw new NoLoadablePresetsError(dir, files.length, skipped[0] ?? { file: '(none)', message: 'no files' });
  return { presets, skipped };
}
