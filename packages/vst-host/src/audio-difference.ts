/** Largest absolute sample difference between two renders (Infinity when their shapes differ). */
export function maxAbsDifference(a: Float32Array[], b: Float32Array[]): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  a.forEach((ch, c) => {
    const other = b[c];
    if (other.length !== ch.length) {
      max = Infinity;
      return;
    }
    for (let i = 0; i < ch.length; i++) {
      const d = Math.abs(ch[i] - other[i]);
      if (d > max || Number.isNaN(d)) max = Number.isNaN(d) ? Infinity : d;
    }
  });
  return max;
}
