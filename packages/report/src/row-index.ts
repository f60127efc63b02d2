import { sampleWithoutReplacement } from '@vstds/reader';

/** A contiguous run of readable global ids (one chunk). */
export interface RowRange {
  chunk: number;
  file: string;
  first: number;
  count: number;
}

/**
 * The rows a report may show: every chunk the reader lists minus the damaged ones, addressed by
 * ordinal so a million-row dataset never materialises an id array.
 */
export class RowIndex {
  private readonly starts: number[] = [];
  readonly size: number;

  constructor(readonly ranges: RowRange[]) {
    let at = 0;
    for (const r of ranges) {
      this.starts.push(at);
      at += r.count;
    }
    this.size = at;
  }

  /** The k-th readable row's global id. */
  idAt(k: number): number {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return this.ranges[lo]!.first + (k - this.starts[lo]!);
  }

  /** The range holding a global id, if it is readable. */
  rangeOf(id: number): RowRange | undefined {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.ranges[mid]!;
      if (id < r.first) hi = mid - 1;
      else if (id >= r.first + r.count) lo = mid + 1;
      else return r;
    }
    return undefined;
  }

  /** `n` (at most size) distinct global ids chosen by the reader's seeded sampler, in draw order. */
  sample(n: number, seed: number): number[] {
    return sampleWithoutReplacement(this.size, Math.min(n, this.size), seed).map((k) => this.idAt(k));
  }

  /**
   * About `n` ids as a seeded sample of whole chunks (every readable id when there are no more than
   * `n`), in id order. Rows inside a chunk are independent draws of the sampler (seeded per global
   * id), so whole chunks sample the parameters as well as scattered rows, at a hundredth of the file
   * opens on a big dataset.
   */
  sampleByChunk(n: number, seed: number): number[] {
    if (this.size <= n) return Array.from({ length: this.size }, (_, k) => this.idAt(k));
    const picked: RowRange[] = [];
    let count = 0;
    for (const k of sampleWithoutReplacement(this.ranges.length, this.ranges.length, seed)) {
      if (count >= n) break;
      picked.push(this.ranges[k]!);
      count += this.ranges[k]!.count;
    }
    return picked.sort((a, b) => a.first - b.first).flatMap((r) => Array.from({ length: r.count }, (_, i) => r.first + i));
  }

  without(chunks: Set<number>): RowIndex {
    return new RowIndex(this.ranges.filter((r) => !chunks.has(r.chunk)));
  }
}
