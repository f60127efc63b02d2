import { readOrSkip, type DatasetSurvey } from './dataset-survey';
import type { Histogram } from './histogram';
import { parameterHistograms } from './parameter-histograms';
import { signalFacts, signalHistograms, type SignalFacts } from './signal-histograms';

export interface StatisticsOptions {
  seed: number;
  /** Rows whose parameters are histogrammed (all rows when the dataset is smaller). */
  paramRows?: number;
  /** Rows whose audio is read for loudness, pitch and velocity (each costs a full row read). */
  signalRows?: number;
}

export interface DatasetStatistics {
  parameters: Histogram[];
  signal: Histogram[];
  /** Rows counted, and whether that is every readable row or a seeded sample of whole chunks. */
  paramRows: number;
  signalRows: number;
  sampled: boolean;
}

export const DEFAULT_PARAM_ROWS = 10_000;
export const DEFAULT_SIGNAL_ROWS = 1_000;

/** Histograms over the dataset, or a seeded sample of whole chunks for big ones; rows in damaged chunks are skipped. */
export async function datasetStatistics(survey: DatasetSurvey, options: StatisticsOptions): Promise<DatasetStatistics> {
  const paramIds = sortedSample(survey, options.paramRows ?? DEFAULT_PARAM_ROWS, options.seed);
  const params: Record<string, number | [number, number]>[] = [];
  if (survey.spec) {
    for (const [k, id] of paramIds.entries()) {
      if (k % 200 === 199) await breathe();
      const p = await readOrSkip(survey, id, () => survey.reader.getParams(id));
      if (p) params.push(p);
    }
  }
  // a different stream of the same seed, so the loudness rows are not just the first parameter rows
  const signalIds = sortedSample(survey, options.signalRows ?? DEFAULT_SIGNAL_ROWS, options.seed + 1);
  const facts: SignalFacts[] = [];
  for (const [k, id] of signalIds.entries()) {
    if (k % 20 === 19) await breathe();
    if (!survey.rows.rangeOf(id)) continue;
    const s = await readOrSkip(survey, id, () => survey.reader.getSample(id));
    if (s) facts.push(signalFacts(s, survey.info.sample_rate));
  }
  return {
    parameters: survey.spec ? parameterHistograms(survey.spec, params) : [],
    signal: signalHistograms(facts, survey.info),
    paramRows: params.length,
    signalRows: facts.length,
    sampled: paramIds.length < survey.rows.size,
  };
}

function sortedSample(survey: DatasetSurvey, n: number, seed: number): number[] {
  return survey.rows.sampleByChunk(n, seed);
}

/** Reads are synchronous (h5wasm): let a server answer page requests between batches. */
function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
