import { mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type ChunkEntry, DATASET_FORMAT, DATASET_FORMAT_VERSION, type DatasetInfo, formatCompression, type JsonValue, MANIFEST_FILE,
  parseCompression, readManifest, sha256File, writeManifest,
} from '@vstds/hdf5-chunks';
import { ChunkedDatasetReader, type DatasetSummary } from '@vstds/reader';
import type { GenerateConfig } from '@vstds/pipeline';
import { allChunks, type PlannedChunk, presentFiles } from './chunk-plan';
import { PLAN_FILE, readPlan, STAGING_PREFIX } from './dataset-plan';
import { ChunkJobError, FinalizeError } from './scale-out-errors';

export interface FinalizeOptions {
  /** The dataset's resolved config; default: the directory's dataset_plan.json, then its manifest. */
  config?: GenerateConfig;
  /** sha256 the workers reported per chunk: a file that differs was changed after it was written. */
  expectedSha256?: ReadonlyMap<number, string>;
  log?: (line: string) => void;
  /** Called after each chunk is checked. */
  onChunk?: (checked: number, total: number) => void;
}

export interface FinalizeReport {
  dir: string;
  num_chunks: number;
  total_samples: number;
  completed_samples: number;
  missing: number[];
  broken: { index: number; file: string; problems: string[] }[];
  seconds: number;
}

/** Moved aside (not deleted) so that a rerun regenerates the chunk and the evidence stays. */
const BROKEN_SUFFIX = '.broken';

/**
 * Verifies every chunk file of a scaled-out dataset with @vstds/reader (schema, shapes, row ids,
 * chunk index, finite values; the sha256 workers reported, when given) and writes
 * dataset_info.json listing the sound chunks. Removes staging leftovers of killed workers.
 * Throws FinalizeError, after writing the manifest of the sound chunks, when any is missing or broken.
 */
export async function finalizeDataset(dirArg: string, opts: FinalizeOptions = {}): Promise<FinalizeReport> {
  const started = performance.now();
  const dir = resolve(dirArg);
  const log = opts.log ?? (() => {});
  const previous = readManifest(dir);
  const config = opts.config ?? readPlan(dir)?.config ?? (previous?.config as GenerateConfig | undefined);
  if (!config) {
    throw new ChunkJobError(`${dir}: expected ${PLAN_FILE} or ${MANIFEST_FILE} saying which dataset this is (or pass --config), got neither`);
  }
  removeLeftovers(dir, log);

  const planned = allChunks(config);
  const missing: number[] = [];
  const broken: FinalizeReport['broken'] = [];
  const entries: ChunkEntry[] = [];
  let first: DatasetSummary | undefined;
  let checked = 0;
  const present = presentFiles(dir);
  for (const chunk of planned) {
    const path = join(dir, chunk.file);
    if (!present.has(chunk.file)) {
      missing.push(chunk.index);
    } else {
      const { sha256, bytes } = sha256File(path);
      const problems: string[] = [];
      const want = opts.expectedSha256?.get(chunk.index);
      if (want && want !== sha256) problems.push(`sha256 ${sha256}, the worker that wrote it reported ${want}`);
      const { summary, problems: found } = await checkChunk(path, chunk);
      problems.push(...found);
      if (summary && first) problems.push(...sameDataset(first, summary));
      if (problems.length === 0) {
        first ??= summary;
        entries.push({ file: chunk.file, index: chunk.index, first_global_id: chunk.firstGlobalId, num_samples: chunk.numSamples, bytes, sha256 });
      } else {
        broken.push({ index: chunk.index, file: chunk.file, problems });
        renameSync(path, `${path}${BROKEN_SUFFIX}`);
        log(`${chunk.file}: broken (${problems.join('; ')}); moved to ${chunk.file}${BROKEN_SUFFIX} so a rerun makes it again`);
      }
    }
    opts.onChunk?.(++checked, planned.length);
  }

  if (first) writeManifest(dir, manifestOf(config, first, entries, previous));
  const report: FinalizeReport = {
    dir,
    num_chunks: planned.length,
    total_samples: config.num_samples,
    completed_samples: entries.reduce((t, e) => t + e.num_samples, 0),
    missing,
    broken,
    seconds: (performance.now() - started) / 1000,
  };
  if (missing.length || broken.length) throw new FinalizeError(dir, missing, broken);
  return report;
}

/** Opens one chunk alone (a symlink in a scratch directory, so nothing else in `dir` interferes) and validates it. */
async function checkChunk(path: string, chunk: PlannedChunk): Promise<{ summary?: DatasetSummary; problems: string[] }> {
  const scratch = mkdtempSync(join(tmpdir(), 'vstds-finalize-'));
  let reader: ChunkedDatasetReader | undefined;
  try {
    symlinkSync(path, join(scratch, 'chunk.h5'));
    reader = await ChunkedDatasetReader.open(scratch);
    const summary = reader.getDatasetInfo();
    const seen = summary.chunks[0]!;
    const problems: string[] = [];
    if (seen.index !== chunk.index) problems.push(`chunk_index attribute: expected ${chunk.index}, got ${seen.index}`);
    if (seen.first_global_id !== chunk.firstGlobalId) problems.push(`first global id: expected ${chunk.firstGlobalId}, got ${seen.first_global_id}`);
    if (seen.num_samples !== chunk.numSamples) problems.push(`rows: expected ${chunk.numSamples}, got ${seen.num_samples}`);
    const report = await reader.validate({ checkSha256: false });
    problems.push(...(report.chunks[0]?.problems ?? []));
    return { summary, problems };
  } catch (e) {
    return { problems: [e instanceof Error ? e.message.replace(join(scratch, 'chunk.h5'), chunk.file) : String(e)] };
  } finally {
    reader?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Chunks of one dataset share plugin, seed, spec and shapes. */
function sameDataset(a: DatasetSummary, b: DatasetSummary): string[] {
  const out: string[] = [];
  for (const key of ['seed', 'plugin', 'spec', 'param_names', 'channels', 'samples_per_channel', 'n_mels', 'frames', 'encoded_width'] as const) {
    const x = JSON.stringify(a[key]);
    const y = JSON.stringify(b[key]);
    if (x !== y) out.push(`${key}: expected ${x.slice(0, 80)} (as the first chunk), got ${y.slice(0, 80)}`);
  }
  return out;
}

function manifestOf(config: GenerateConfig, s: DatasetSummary, chunks: ChunkEntry[], previous: DatasetInfo | undefined): DatasetInfo {
  const velocity = Array.isArray(s.velocity) ? ([s.velocity[0]!, s.velocity[1]!] as [number, number]) : s.velocity;
  return {
    format: DATASET_FORMAT,
    format_version: DATASET_FORMAT_VERSION,
    vstds_version: s.vstds_version,
    total_samples: config.num_samples,
    completed_samples: 0, // writeManifest counts the listed chunks
    samples_per_file: config.samples_per_file,
    num_chunks: Math.ceil(config.num_samples / config.samples_per_file),
    file_naming: config.file_naming,
    compression: formatCompression(parseCompression(config.compression)),
    audio: {
      sample_rate: s.sample_rate,
      channels: s.channels,
      signal_duration_seconds: s.signal_duration_seconds,
      note_duration_seconds: s.note_duration_seconds,
      min_loudness: s.min_loudness,
      velocity,
      min_pitch: s.min_pitch,
      max_pitch: s.max_pitch,
    },
    n_mels: s.n_mels,
    param_names: s.param_names,
    seed: config.seed,
    config: config as unknown as JsonValue,
    spec: s.spec as JsonValue,
    plugin: s.plugin as JsonValue,
    extra: previous?.extra ?? { render_noise: null, made_by: 'vstds finalize' },
    chunks,
  };
}

/** Staging directories and partial files of workers that were killed: never part of the dataset. */
function removeLeftovers(dir: string, log: (line: string) => void): void {
  let n = 0;
  for (const f of readdirSync(dir)) {
    if (f.startsWith(STAGING_PREFIX) || f.endsWith('.partial')) {
      rmSync(join(dir, f), { recursive: true, force: true });
      n++;
    }
  }
  if (n) log(`${dir}: removed ${n} staging leftovers of interrupted workers`);
}
