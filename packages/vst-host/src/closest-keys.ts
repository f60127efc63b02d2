function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j] + 1,
        row[j - 1] + 1,
        prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length];
}

/** The `count` keys nearest to `key` by edit distance (ties keep listing order). */
export function closestKeys(
  key: string,
  keys: readonly string[],
  count = 3,
): string[] {
  return keys
    .map((k, i) => ({ k, i, d: editDistance(key.toLowerCase(), k) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, count)
    .map((x) => x.k);
}
