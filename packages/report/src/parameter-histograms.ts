import { rawValues, type NoteParam, type ParamSpec, type SynthParam } from '@vstds/param-spec';
import { binOf, countInto, evenEdges, integerEdges, type Histogram } from './histogram';

const BINS = 20;
type Decoded = Record<string, number | [number, number]>;

/**
 * One histogram per synth and note parameter of the spec, over decoded rows, each against the
 * distribution the spec asks the sampler for, so a broken sampler shows at a glance.
 */
export function parameterHistograms(spec: ParamSpec, rows: Decoded[]): Histogram[] {
  return [...spec.synth_params, ...spec.note_params].map((p) => histogramOf(p, rows));
}

function histogramOf(p: SynthParam | NoteParam, rows: Decoded[]): Histogram {
  const n = rows.length;
  const column = (name: string) => rows.map((r) => r[name]).filter((v): v is number => typeof v === 'number');
  switch (p.kind) {
    case 'continuous': {
      const edges = evenEdges(p.min, p.max, BINS);
      const pConst = p.constant_p ?? 0;
      const span = p.max - p.min;
      const expected = edges.slice(1).map((hi, i) => n * (1 - pConst) * (span > 0 ? (hi - edges[i]!) / span : 1));
      if (pConst > 0) expected[binOf(edges, p.constant_value ?? p.min)]! += n * pConst;
      return { name: p.name, kind: p.kind, edges, n, series: [{ label: 'rows', counts: countInto(edges, column(p.name)), expected }] };
    }
    case 'discrete': {
      const edges = integerEdges(p.min, p.max);
      const per = n / (p.max - p.min + 1);
      // integers per bin (bins are either one integer wide or cover several when the range is wide)
      const expected = edges.slice(1).map((hi, i) => per * (Math.ceil(hi) - Math.ceil(edges[i]!)));
      return { name: p.name, kind: p.kind, edges, n, series: [{ label: 'rows', counts: countInto(edges, column(p.name)), expected }] };
    }
    case 'categorical': {
      const raws = rawValues(p);
      const weights = p.weights ?? raws.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      const counts = raws.map(() => 0);
      for (const v of column(p.name)) counts[nearest(raws, v)]!++;
      const edges = Array.from({ length: raws.length + 1 }, (_, i) => i - 0.5);
      return { name: p.name, kind: p.kind, edges, labels: p.values, n, series: [{ label: 'rows', counts, expected: weights.map((w) => (n * w) / total) }] };
    }
    case 'note_start_and_end': {
      const m = p.max_seconds;
      const edges = evenEdges(0, m, BINS);
      const pairs = rows.map((r) => r[p.name]).filter((v): v is [number, number] => Array.isArray(v));
      // the sorted pair of two uniform draws: min has density 2(m−x)/m², max 2x/m²
      const cdfMax = (x: number) => (x / m) ** 2;
      const cdfMin = (x: number) => 1 - (1 - x / m) ** 2;
      const expect = (cdf: (x: number) => number) => edges.slice(1).map((hi, i) => n * (cdf(hi) - cdf(edges[i]!)));
      return {
        name: p.name, kind: p.kind, edges, n,
        series: [
          { label: 'start', counts: countInto(edges, pairs.map((v) => v[0])), expected: expect(cdfMin) },
          { label: 'end', counts: countInto(edges, pairs.map((v) => v[1])), expected: expect(cdfMax) },
        ],
      };
    }
  }
}

function nearest(values: number[], v: number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]! - v) < Math.abs(values[best]! - v)) best = i;
  return best;
}
