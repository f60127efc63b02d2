import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET_FORMAT_VERSION, fsyncDir, MANIFEST_FILE, OutputDirError, readManifest } from '@vstds/hdf5-chunks';
import type { GenerateConfig } from '@vstds/pipeline';
import { ResumeMismatchError } from '@vstds/pipeline';
import { differingConfigKeys, FAULTS_FILE, RUN_SUMMARY_FILE } from '@vstds/pipeline';
import { allChunks, numChunks } from './chunk-plan';
import { datasetId } from './dataset-id';
import { ChunkJobError, FormatVersionResumeError } from './scale-out-errors';

/** What a scaled-out dataset is, written next to its chunks before any is made (for `vstds finalize`). */
export const PLAN_FILE = 'dataset_plan.json';
/** Prefix of the private directories chunk files are staged in before the rename into the dataset. */
export const STAGING_PREFIX = '.vstds-staging-';

export interface DatasetPlan {
  format: 'vstds-plan';
  format_version: 1;
  dataset_id: string;
  num_chunks: number;
  /** The resolved config (content keys decide the bytes; num_workers etc. are whoever wrote last). */
  config: GenerateConfig;
}

export function readPlan(dir: string): DatasetPlan | undefined {
  const path = join(dir, PLAN_FILE);
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ChunkJobError(`${path}: expected a vstds dataset plan (JSON), got unreadable text (${(e as Error).message})`);
  }
  const p = raw as Partial<DatasetPlan>;
  if (p?.format !== 'vstds-plan' || typeof p.config !== 'object' || p.config === null) {
    throw new ChunkJobError(`${path}: format: expected "vstds-plan" with a config, got ${JSON.stringify(p?.format ?? null)}`);
  }
  return p as DatasetPlan;
}

/** Written with a per-process temp name: several shards may write the same plan at once. */
export function writePlan(config: GenerateConfig): DatasetPlan {
  const plan: DatasetPlan = { format: 'vstds-plan', format_version: 1, dataset_id: datasetId(config), num_chunks: numChunks(config), config };
  const tmp = join(config.output_dir, `${PLAN_FILE}.${process.pid}.${Date.now()}.partial`);
  writeFileSync(tmp, `${JSON.stringify(plan, null, 2)}\n`);
  renameSync(tmp, join(config.output_dir, PLAN_FILE));
  fsyncDir(config.output_dir);
  return plan;
}

/**
 * Makes output_dir ready for a scaled-out run: refuses a directory holding another config's
 * dataset (by its manifest or plan; `overwrite` deletes it instead), then records the plan.
 */
export function claimOutputDir(config: GenerateConfig, opts: { overwrite?: boolean } = {}): DatasetPlan {
  const dir = config.output_dir;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new OutputDirError(dir, `${err.code ?? 'error'} (${err.message})`);
  }
  if (opts.overwrite) removeScaleOutDataset(config);
  const manifest = readManifest(dir);
  if (manifest) {
    const differ = differingConfigKeys(manifest.config, config);
    if (differ.length) throw new ResumeMismatchError(dir, differ);
    if (manifest.format_version !== DATASET_FORMAT_VERSION) {
      throw new FormatVersionResumeError(join(dir, MANIFEST_FILE), manifest.format_version, DATASET_FORMAT_VERSION);
    }
  }
  const plan = readPlan(dir);
  if (plan) {
    const differ = differingConfigKeys(plan.config, config);
    if (differ.length) throw new ResumeMismatchError(dir, differ);
  }
  if (!manifest && !plan) {
    const names = new Set(allChunks(config).map((c) => c.file));
    const stray = readdirSync(dir).find((f) => names.has(f));
    if (stray) throw new ResumeMismatchError(dir, [`(no ${MANIFEST_FILE} or ${PLAN_FILE}, but chunk files such as ${stray})`]);
  }
  return writePlan(config);
}

/** Deletes what vstds wrote in the directory (never other files). */
function removeScaleOutDataset(config: GenerateConfig): void {
  const dir = config.output_dir;
  const ours = new Set([MANIFEST_FILE, PLAN_FILE, RUN_SUMMARY_FILE, FAULTS_FILE, ...allChunks(config).map((c) => c.file)]);
  for (const f of readdirSync(dir)) {
    if (ours.has(f) || f.endsWith('.partial') || f.startsWith(STAGING_PREFIX)) rmSync(join(dir, f), { recursive: true, force: true });
  }
}
