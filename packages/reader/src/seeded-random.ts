/** splitmix64 over BigInt, returning doubles in [0, 1): small, well known, reproducible everywhere. */
export function splitmix64(seed: number | bigint): () => number {
  let state = BigInt.asUintN(64, BigInt(seed));
  return () => {
    state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
    let z = state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    z ^= z >> 31n;
    return Number(z >> 11n) / 2 ** 53;
  };
}

/**
 * `n` distinct integers from [0, total) by a partial Fisher–Yates shuffle over a sparse map, so a
 * million-row dataset costs O(n), not O(total). Same seed → same ids in the same order.
 */
export function sampleWithoutReplacement(total: number, n: number, seed: number | bigint): number[] {
  const rand = splitmix64(seed);
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (total - i));
    const vi = swapped.get(i) ?? i;
    const vj = swapped.get(j) ?? j;
    swapped.set(j, vi);
    out.push(vj);
  }
  return out;
}
