import { SPLIT_FILES, STATS_FILE } from '@vstds/splits';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chunkFileName, type DatasetDir, MANIFEST_FILE, readManifest } from '@vstds/hdf5-chunks';
import { configDefaults, contentNeutralKeys, type GenerateConfig } from './config-schema';
import { ResumeMismatchError } from './errors';

export const RUN_SUMMARY_FILE = 'run_summary.json';
export const FAULTS_FILE = 'faults.jsonl';
/** A preset dataset's preset → row table (written before the manifest, reused on resume). */
export const PRESETS_FILE = 'presets.json';
/** What the plugin printed (the render workers' stdout and stderr), relative to the output dir. */
export const PLUGIN_STDERR_LOG = 'logs/plugin-stderr.log';

/** Config keys whose values differ between a dataset's recorded config and this run's. */
export function differingConfigKeys(recorded: unknown, config: GenerateConfig): string[] {
  const old = (recorded ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(old), ...Object.keys(config)]);
  const defaults = configDefaults as Record<string, unknown>;
  return [...keys]
    .filter((k) => !(contentNeutralKeys as string[]).includes(k))
    // A key added after the dataset was started, at its default, asks for what the dataset was made with.
    .filter((k) => k in old || !(k in defaults) || JSON.stringify(defaults[k]) !== JSON.stringify((config as unknown as Record<string, unknown>)[k]))
    .filter((k) => JSON.stringify(old[k]) !== JSON.stringify((config as unknown as Record<string, unknown>)[k]))
    .sort();
}

/**
 * Checks what output_dir holds before a run: nothing, a dataset of the same config (resume), or one
 * of another config (refused, unless `overwrite` deletes it first).
 */
export function prepareOutputDir(config: GenerateConfig, overwrite: boolean): { resuming: boolean } {
  const dir = config.output_dir;
  if (!existsSync(dir)) return { resuming: false };
  const manifest = readManifest(dir);
  if (overwrite) {
    removeDataset(dir, config, manifest?.chunks.map((c) => c.file) ?? []);
    return { resuming: false };
  }
  if (!manifest) {
    const stray = readdirSync(dir).filter((f) => isChunkFileName(f, config.file_naming));
    if (stray.length > 0) {
      throw new ResumeMismatchError(dir, [`(no ${MANIFEST_FILE}, but chunk files such as ${stray[0]})`]);
    }
    return { resuming: false };
  }
  const differ = differingConfigKeys(manifest.config, config);
  if (differ.length > 0) throw new ResumeMismatchError(dir, differ);
  return { resuming: true };
}

/** Log lines saying what opening the dataset dir found (resume, partial files, damaged chunks). */
export function resumeNotes(dataset: DatasetDir, resuming: boolean, rowsToDo: number): string[] {
  const { verifiedChunks, removedPartials, droppedChunks } = dataset;
  const notes: string[] = [];
  if (resuming || removedPartials.length > 0 || droppedChunks.length > 0) {
    notes.push(
      `resuming ${dataset.dir}: ${verifiedChunks.length} finished chunks verified` +
        (removedPartials.length ? `, ${removedPartials.length} partial files deleted` : '') +
        (droppedChunks.length ? `, ${droppedChunks.length} damaged chunks to regenerate` : ''),
    );
  }
  if (rowsToDo === 0) notes.push(`${dataset.dir}: all ${dataset.info.total_samples} rows are already there`);
  return notes;
}

function isChunkFileName(name: string, pattern: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split(/\{chunk(?::0?\d*d)?\}/)
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\d+')}(\\.partial)?$`,
  );
  return re.test(name);
}

/** Deletes what vstds wrote in `dir` (never other files). */
function removeDataset(dir: string, config: GenerateConfig, listed: string[]): void {
  // Split files and stats point at the old chunks: they go too.
  const ours = new Set([...listed, MANIFEST_FILE, RUN_SUMMARY_FILE, FAULTS_FILE, PRESETS_FILE, ...Object.values(SPLIT_FILES), STATS_FILE]);
  for (const f of readdirSync(dir)) {
    if (ours.has(f) || isChunkFileName(f, config.file_naming) || f.endsWith('.partial')) rmSync(join(dir, f), { force: true });
  }
  rmSync(join(dir, PLUGIN_STDERR_LOG), { force: true });
}

export { chunkFileName };
