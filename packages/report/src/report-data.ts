import { width } from '@vstds/param-spec';
import { magmaGradientCss } from './colour-scale';
import type { ChunkProblem, DatasetSurvey } from './dataset-survey';
import type { DatasetStatistics } from './dataset-statistics';
import { MEL_RANGE_DB, type RowCard } from './row-card';
import type { RunSummary } from './run-summary';

/** The dataset's identity and run figures, as the summary section shows them. */
export interface ReportSummary {
  dir: string;
  rows: number;
  plannedRows: number;
  chunks: number;
  plannedChunks: number;
  samplesPerFile: number;
  diskBytes: number;
  plugin: Record<string, unknown>;
  spec: { name: string; width: number; synthParams: number; noteParams: number } | null;
  audio: { sample_rate: number; channels: number; signal_duration_seconds: number; note_duration_seconds: number; n_mels: number; frames: number; min_loudness: number };
  seed: unknown;
  compression: string;
  vstdsVersion: string;
  config: unknown;
  run: RunSummary | null;
  splits: DatasetSurvey['splits'];
  shownSplit: string | null;
}

/** Everything the page script renders; JSON, embedded in a file report or served as api/summary. */
export interface ReportData {
  mode: 'file' | 'serve';
  summary: ReportSummary;
  problems: { damaged: ChunkProblem[]; missing: string[] };
  /** Inline in a file report; fetched from api/statistics when served. */
  statistics: DatasetStatistics | null;
  /** Inline in a file report; fetched from api/rows when served. */
  rows: RowCard[];
  rowCount: number;
  seed: number;
  melRangeDb: number;
  colourGradient: string;
}

export function reportSummary(survey: DatasetSurvey): ReportSummary {
  const i = survey.info;
  const spec = survey.spec;
  return {
    dir: survey.dir,
    rows: survey.rows.size,
    plannedRows: i.planned_samples,
    chunks: survey.rows.ranges.length,
    plannedChunks: i.planned_chunks,
    samplesPerFile: i.samples_per_file,
    diskBytes: survey.diskBytes,
    plugin: i.plugin && typeof i.plugin === 'object' ? (i.plugin as Record<string, unknown>) : {},
    spec: spec ? { name: spec.name, width: width(spec), synthParams: spec.synth_params.length, noteParams: spec.note_params.length } : null,
    audio: {
      sample_rate: i.sample_rate, channels: i.channels, signal_duration_seconds: i.signal_duration_seconds,
      note_duration_seconds: i.note_duration_seconds, n_mels: i.n_mels, frames: i.frames, min_loudness: i.min_loudness,
    },
    seed: i.seed,
    compression: i.compression,
    vstdsVersion: i.vstds_version,
    config: i.config ?? null,
    run: survey.runSummary ?? null,
    splits: survey.splits,
    shownSplit: survey.shownSplit ?? null,
  };
}

export function reportData(mode: ReportData['mode'], survey: DatasetSurvey, parts: { statistics: DatasetStatistics | null; rows: RowCard[]; rowCount: number; seed: number }): ReportData {
  return {
    mode,
    summary: reportSummary(survey),
    problems: { damaged: survey.damaged, missing: survey.missing },
    ...parts,
    melRangeDb: MEL_RANGE_DB,
    colourGradient: magmaGradientCss(),
  };
}
