import { createHash } from 'node:crypto';
import { RowKeyError } from './errors';

/** What a dataset row's randomness depends on, and nothing else. */
export interface RowKey {
  /** The run's seed: a non-negative safe integer. */
  seed: number;
  /** Global row index, 0-based. */
  index: number;
  /** 0 for the first draw of a row; +1 each time the row is rejected (e.g. by the loudness gate) and redrawn. */
  attempt: number;
}

const MASK64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;
const TWO_POW_53 = 2 ** 53;

/**
 * splitmix64 (Steele, Lea & Flood 2014; the generator Java's SplittableRandom uses), seeded from the
 * first 8 bytes (big-endian) of SHA-256(`${seed}:${index}:${attempt}`). One 64-bit state; each output
 * advances it by the golden gamma and mixes it. Chosen because it is tiny and trivially reimplemented
 * in Python or C, see the package README for the exact procedure.
 */
export class RowRng {
  #state: bigint;

  constructor(state: bigint) {
    this.#state = BigInt.asUintN(64, state);
  }

  /** Next raw 64-bit output. */
  nextUint64(): bigint {
    this.#state = (this.#state + GOLDEN_GAMMA) & MASK64;
    let z = this.#state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  }

  /** Uniform in [0, 1): the top 53 bits of one output divided by 2^53 (exact in float64). */
  nextFloat(): number {
    return Number(this.nextUint64() >> 11n) / TWO_POW_53;
  }

  /** Uniform integer in [min, max], both inclusive: min + floor(u * (max - min + 1)), from one nextFloat. */
  nextInt(min: number, max: number): number {
    return Math.min(max, min + Math.floor(this.nextFloat() * (max - min + 1)));
  }

  /**
   * Index drawn with probability weights[i] / sum, from one nextFloat u: the first i whose running sum
   * (accumulated left to right in float64) exceeds u * sum; if rounding leaves none, the last index
   * with a positive weight.
   */
  nextWeightedIndex(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    const target = this.nextFloat() * total;
    let running = 0;
    for (let i = 0; i < weights.length; i++) {
      running += weights[i]!;
      if (target < running) return i;
    }
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    return weights.length - 1;
  }

  /** Discards n outputs. */
  skip(n: number): this {
    for (let i = 0; i < n; i++) this.nextUint64();
    return this;
  }
}

/** The PRNG of one row; the same key always gives the same stream, in any process, in any order. */
export function rowRandom(key: RowKey): RowRng {
  checkKey(key);
  const digest = createHash('sha256').update(`${key.seed}:${key.index}:${key.attempt}`, 'utf8').digest();
  return new RowRng(digest.readBigUInt64BE(0));
}

function checkKey(key: RowKey): void {
  for (const field of ['seed', 'index', 'attempt'] as const) {
    const v = key[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new RowKeyError(`row key: ${field}: expected a non-negative safe integer, found ${JSON.stringify(v)}`);
    }
  }
}
