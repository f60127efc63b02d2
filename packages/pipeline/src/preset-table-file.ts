import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@vstds/hdf5-chunks';
import type { ParamSpec } from '@vstds/param-spec';
import { listPresetFiles, type PluginFormat } from '@vstds/vst-host';
import { checkPresets, poolPlugin, type PresetTable, type RenderPool, verifyPresetFolder } from '@vstds/workers';
import type { GenerateConfig } from './config-schema';
import { FAULTS_FILE, PRESETS_FILE } from './output-dir-state';

/** presets.json as stored: snake_case like the manifest, the row rule spelled out for readers. */
interface PresetsFileJson {
  format: 'vstds-presets';
  version: 1;
  preset_dir: string;
  plugin_format: PluginFormat;
  rows: string;
  presets: { file: string; sha256: string; values: Record<string, number>; out_of_spec: PresetTable['presets'][number]['outOfSpec'] }[];
  skipped: PresetTable['skipped'];
}

export interface PresetTableOptions {
  pool: RenderPool;
  spec: ParamSpec;
  presetDir: string;
  format: PluginFormat;
  /** The dataset directory (presets.json and faults.jsonl). */
  dir: string;
  /** A resumed run reuses the recorded table after checking the folder is unchanged. */
  resuming: boolean;
  log: (line: string) => void;
}

/**
 * The preset table a run renders: on a resumed run the one recorded in presets.json (the folder
 * must hold exactly the recorded files: PresetChangedError otherwise); on a first run a load check
 * on the workers, recorded atomically, each preset that does not load appended to faults.jsonl.
 */
export async function presetTableFor(o: PresetTableOptions): Promise<PresetTable> {
  const path = join(o.dir, PRESETS_FILE);
  if (o.resuming && existsSync(path)) {
    const table = readPresetsFile(path);
    verifyPresetFolder(o.presetDir, o.format, table);
    return table;
  }
  const table = await checkPresets(o.pool, o.spec, o.presetDir, listPresetFiles(o.presetDir, o.format));
  const json: PresetsFileJson = {
    format: 'vstds-presets',
    version: 1,
    preset_dir: o.presetDir,
    plugin_format: o.format,
    rows: 'row i renders presets[i % presets.length]; a preset in skipped did not load and has no rows',
    presets: table.presets.map((p) => ({ file: p.file, sha256: p.sha256, values: p.values, out_of_spec: p.outOfSpec })),
    skipped: table.skipped,
  };
  writeFileAtomic(path, `${JSON.stringify(json, null, 1)}\n`);
  for (const s of table.skipped) {
    appendFileSync(join(o.dir, FAULTS_FILE), `${JSON.stringify({ kind: 'preset-load', ...s })}\n`);
    o.log(`preset ${s.file} skipped: it does not load (${s.code}: ${s.message})`);
  }
  for (const p of table.presets) {
    if (p.outOfSpec.length > 0) o.log(`preset ${p.file}: ${p.outOfSpec.map((v) => `${v.name} = ${v.value} (expected ${v.expected}, stored ${v.stored})`).join(', ')}; recorded in ${PRESETS_FILE}`);
  }
  o.log(`${table.presets.length} of ${table.presets.length + table.skipped.length} presets in ${o.presetDir} load; rows follow them in name order`);
  return table;
}

/**
 * The preset table of a config with `preset_dir` (undefined without), and the rows it makes:
 * num_samples, or one row per loadable preset when num_samples is 0 (the default).
 */
export async function presetsOf(
  config: GenerateConfig,
  pool: RenderPool,
  spec: ParamSpec,
  dir: string,
  resuming: boolean,
  log: (line: string) => void,
): Promise<{ table: PresetTable; rows: number } | undefined> {
  if (!config.preset_dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const format = poolPlugin(pool).format as PluginFormat;
  const table = await presetTableFor({ pool, spec, presetDir: config.preset_dir, format, dir, resuming, log });
  return { table, rows: config.num_samples === 0 ? table.presets.length : config.num_samples };
}

function readPresetsFile(path: string): PresetTable {
  const json = JSON.parse(readFileSync(path, 'utf8')) as PresetsFileJson;
  return { presets: json.presets.map((p) => ({ file: p.file, sha256: p.sha256, values: p.values, outOfSpec: p.out_of_spec })), skipped: json.skipped };
}
