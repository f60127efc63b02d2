/** One histogram as the page draws it: observed counts per bin, optionally what the spec expects. */
export interface Histogram {
  name: string;
  kind: 'continuous' | 'discrete' | 'categorical' | 'note_start_and_end' | 'loudness' | 'pitch' | 'velocity';
  /** Bin edges, bins + 1 of them; bin i is [edges[i], edges[i+1]) (the last one closed). */
  edges: number[];
  /** Option labels of a categorical parameter, one per bin. */
  labels?: string[];
  series: { label: string; counts: number[]; expected?: number[] }[];
  /** Values counted (per series). */
  n: number;
  /** A value to mark on the x axis (the loudness gate). */
  marker?: { value: number; label: string };
  /** What the bins leave out (non-finite values, silent rows). */
  note?: string;
}

export function evenEdges(lo: number, hi: number, bins: number): number[] {
  if (!(hi > lo)) return [lo - 0.5, lo + 0.5];
  return Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
}

/** Edges of one bin per integer in [lo, hi], or `maxBins` even bins when that would be too many. */
export function integerEdges(lo: number, hi: number, maxBins = 64): number[] {
  if (hi - lo + 1 > maxBins) return evenEdges(lo - 0.5, hi + 0.5, maxBins);
  return Array.from({ length: hi - lo + 2 }, (_, i) => lo - 0.5 + i);
}

/** Counts of values per bin; values outside the edges go to the nearest end bin (they are rare and worth seeing). */
export function countInto(edges: number[], values: ArrayLike<number>): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    counts[binOf(edges, v)]!++;
  }
  return counts;
}

export function binOf(edges: number[], v: number): number {
  const bins = edges.length - 1;
  if (v <= edges[0]!) return 0;
  if (v >= edges[bins]!) return bins - 1;
  let lo = 0;
  let hi = bins - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
