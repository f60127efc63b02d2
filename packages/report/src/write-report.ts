import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { datasetStatistics, type StatisticsOptions } from './dataset-statistics';
import { readOrSkip, surveyDataset, type ChunkProblem } from './dataset-survey';
import { ReportOptionError, ReportWriteError } from './errors';
import { reportData } from './report-data';
import { reportPage } from './report-page';
import { inlineRowCard, type RowCard } from './row-card';

export const DEFAULT_REPORT_ROWS = 24;
export const REPORT_FILE = 'report.html';

export interface ReportOptions extends Partial<StatisticsOptions> {
  /** Output file; default DIR/report.html. */
  out?: string;
  /** Rows in the grid (default 24). */
  rows?: number;
  /** Chooses the grid's rows and the statistics sample (default 0). */
  seed?: number;
}

export interface ReportResult {
  file: string;
  bytes: number;
  rows: number;
  damaged: ChunkProblem[];
  missing: string[];
}

/** Checks the rows/seed options the CLI passes through. */
export function checkReportOptions(options: { rows?: number; seed?: number }): { rows: number; seed: number } {
  const rows = options.rows ?? DEFAULT_REPORT_ROWS;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(rows) || rows < 0) throw new ReportOptionError(`vstds report: --rows: expected a whole number ≥ 0, got ${rows}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new ReportOptionError(`vstds report: --seed: expected a whole number ≥ 0, got ${seed}`);
  return { rows, seed };
}

/**
 * Writes DIR's self-contained HTML report: every chunk checked first (damaged ones named and
 * skipped), then the summary, histograms and a seeded grid of rows with their audio inlined.
 */
export async function writeReport(dir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const { rows: rowCount, seed } = checkReportOptions(options);
  const survey = await surveyDataset(dir, 'full');
  try {
    const cards: RowCard[] = [];
    const layout = { n_mels: survey.info.n_mels, frames: survey.info.frames, sample_rate: survey.info.sample_rate };
    for (const id of survey.rows.sample(rowCount, seed)) {
      const s = await readOrSkip(survey, id, () => survey.reader.getSample(id));
      if (s) cards.push(inlineRowCard(s, layout));
    }
    const statistics = await datasetStatistics(survey, { seed, paramRows: options.paramRows, signalRows: options.signalRows });
    const html = reportPage(reportData('file', survey, { statistics, rows: cards, rowCount, seed }));
    const file = resolve(options.out ?? join(survey.dir, REPORT_FILE));
    const bytes = writeAtomically(file, html);
    return { file, bytes, rows: cards.length, damaged: survey.damaged, missing: survey.missing };
  } finally {
    survey.reader.close();
  }
}

/** temp file, fsync, rename: an interrupted run never leaves a half report that looks whole. */
function writeAtomically(file: string, text: string): number {
  const tmp = `${file}.partial`;
  const body = Buffer.from(text, 'utf8');
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, body);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    return body.length;
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new ReportWriteError(file, (err as Error).message);
  }
}
