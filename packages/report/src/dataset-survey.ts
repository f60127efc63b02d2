import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ChunkedDatasetReader, ChunkReadError, DatasetNotFoundError, type DatasetSummary } from '@vstds/reader';
import { readManifest } from '@vstds/hdf5-chunks';
import { specFromData, type ParamSpec } from '@vstds/param-spec';
import { NotADatasetError } from './errors';
import { RowIndex } from './row-index';
import { readRunSummary, type RunSummary } from './run-summary';

/** A chunk the report skips, and why. */
export interface ChunkProblem {
  index: number;
  file: string;
  problems: string[];
  /** Global ids the chunk was planned to hold, when known. */
  first_global_id?: number;
  num_samples?: number;
}

/** How much checking happens before the report is built. */
export type SurveyCheck =
  /** reader.validate(): sha256 against the manifest, schema, shapes, ids, finite values (file reports). */
  | 'full'
  /** None up front; chunks that fail to read are marked damaged when first touched (served reports). */
  | 'lazy';

/** What a dataset directory holds, what is damaged and what is missing. */
export interface DatasetSurvey {
  dir: string;
  reader: ChunkedDatasetReader;
  info: DatasetSummary;
  spec: ParamSpec | undefined;
  rows: RowIndex;
  damaged: ChunkProblem[];
  /** One line per thing the page and stderr must say is missing or wrong. */
  missing: string[];
  runSummary: RunSummary | undefined;
  diskBytes: number;
  /** Rows per split, when DIR's subdirectories are datasets (train/, val/, …). */
  splits: { name: string; rows: number; planned: number }[];
  /** Set when DIR holds only splits and the report shows this one. */
  shownSplit?: string;
}

const MANIFEST = 'dataset_info.json';

/** Opens DIR with the reader and checks it; refuses a directory that is not a dataset. */
export async function surveyDataset(dirArg: string, check: SurveyCheck): Promise<DatasetSurvey> {
  const top = resolve(dirArg);
  if (!existsSync(top) || !statSync(top).isDirectory()) throw new NotADatasetError(`${top}: expected a dataset directory (chunk files + ${MANIFEST}), got ${existsSync(top) ? 'a file' : 'nothing there'}`);
  const splits = await readSplits(top);
  let dir = top;
  let shownSplit: string | undefined;
  if (!hasDataset(top) && splits.length) {
    shownSplit = (splits.find((s) => s.name === 'train') ?? splits[0]!).name;
    dir = join(top, shownSplit);
  }
  const reader = await openReader(dir);
  const info = reader.getDatasetInfo();
  const spec = info.spec && typeof info.spec === 'object' ? specFromData(info.spec, `${join(dir, MANIFEST)}: spec`) : undefined;
  const missing: string[] = [];
  const damaged: ChunkProblem[] = [];
  // The reader leaves out chunks that fail its open-time check (missing, wrong size, unreadable).
  const planned = new Map((readManifest(dir)?.chunks ?? []).map((c) => [c.index, c]));
  for (const d of info.damaged_chunks) {
    const entry = d.index === null ? undefined : planned.get(d.index);
    damaged.push({ index: d.index ?? -1, file: join(dir, d.file), problems: [d.reason], first_global_id: entry?.first_global_id, num_samples: entry?.num_samples });
  }
  if (check === 'full') {
    const report = await reader.validate();
    for (const c of report.chunks) if (!c.ok && !damaged.some((d) => d.index === c.index)) damaged.push({ index: c.index, file: join(dir, c.file), problems: c.problems });
    const perChunk = new Set(report.chunks.flatMap((c) => c.problems.map((p) => `${c.file}: ${p}`)));
    for (const p of report.problems) if (!perChunk.has(p) && !p.startsWith('chunks not complete')) missing.push(`${join(dir, MANIFEST)}: ${p}`);
  }
  if (info.total_samples < info.planned_samples || info.num_chunks < info.planned_chunks) {
    const have = new Set(info.chunks.map((c) => c.index));
    const absent = Array.from({ length: info.planned_chunks }, (_, i) => i).filter((i) => !have.has(i));
    missing.push(`${dir}: incomplete: ${info.total_samples} of ${info.planned_samples} rows; chunks not written: ${compactList(absent)} (resume with vstds generate on the same config)`);
  }
  if (!spec) missing.push(`${join(dir, MANIFEST)}: spec: expected the parameter spec, got none: parameter histograms and decoded values are not shown`);
  const run = readRunSummary(dir);
  if (run.problem) missing.push(run.problem);
  else if (run.summary?.status && run.summary.status !== 'complete') missing.push(`${join(dir, 'run_summary.json')}: status: expected "complete", got ${JSON.stringify(run.summary.status)}`);
  const bad = new Set(damaged.map((d) => d.index));
  const rows = new RowIndex(info.chunks.map((c) => ({ chunk: c.index, file: c.file, first: c.first_global_id, count: c.num_samples }))).without(bad);
  return { dir, reader, info, spec, rows, damaged, missing, runSummary: run.summary, diskBytes: diskBytes(dir), splits, shownSplit };
}

async function openReader(dir: string): Promise<ChunkedDatasetReader> {
  try {
    return await ChunkedDatasetReader.open(dir);
  } catch (err) {
    if (err instanceof DatasetNotFoundError) throw new NotADatasetError(`${err.message} (not a vstds dataset)`);
    if (err instanceof ChunkReadError && !existsSync(join(dir, MANIFEST))) throw new NotADatasetError(`${dir}: expected a vstds dataset (${MANIFEST} or vstds chunk files), got ${err.message}`);
    throw err;
  }
}

function hasDataset(dir: string): boolean {
  return existsSync(join(dir, MANIFEST)) || readdirSync(dir).some((n) => n.endsWith('.h5'));
}

async function readSplits(dir: string): Promise<DatasetSurvey['splits']> {
  const out: DatasetSurvey['splits'] = [];
  // Split files written by `vstds split` (train.h5, val.h5, test.h5) are recorded in the manifest.
  const record = (readManifest(dir) as { splits?: { counts?: Record<string, number>; files?: Record<string, string> } } | null)?.splits;
  for (const [name, rows] of Object.entries(record?.counts ?? {})) out.push({ name: `${name} (${record?.files?.[name] ?? `${name}.h5`})`, rows, planned: rows });
  // withFileTypes: a directory of 10 000 chunk files costs no stat per file
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = entry.name;
    const sub = join(dir, name);
    if (!entry.isDirectory() || !existsSync(join(sub, MANIFEST))) continue;
    const r = await ChunkedDatasetReader.open(sub);
    try {
      const i = r.getDatasetInfo();
      out.push({ name, rows: i.total_samples, planned: i.planned_samples });
    } finally {
      r.close();
    }
  }
  return out;
}

/** Bytes of the dataset's own files (chunks, manifest, run summary), not of reports written beside them. */
function diskBytes(dir: string): number {
  let total = 0;
  for (const n of readdirSync(dir)) {
    if (!n.endsWith('.h5') && n !== MANIFEST && n !== 'run_summary.json') continue;
    const s = statSync(join(dir, n));
    if (s.isFile()) total += s.size;
  }
  return total;
}

/** 1, 2, 3, 7 → "1–3, 7" */
function compactList(xs: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j]! + 1) j++;
    parts.push(j > i ? `${xs[i]}–${xs[j]}` : `${xs[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Runs a read of one row; if its chunk turns out damaged, the chunk is recorded (named, with the
 * reason), dropped from the survey's rows, and `undefined` comes back so the rest can be shown.
 */
export async function readOrSkip<T>(survey: DatasetSurvey, id: number, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    const range = survey.rows.rangeOf(id);
    if (!range) throw err;
    const reason = err instanceof ChunkReadError ? err.reason : (err as Error).message?.split('\n')[0] ?? String(err);
    survey.damaged.push({ index: range.chunk, file: join(survey.dir, range.file), problems: [`row ${id}: ${reason}`] });
    survey.rows = survey.rows.without(new Set([range.chunk]));
    return undefined;
  }
}
