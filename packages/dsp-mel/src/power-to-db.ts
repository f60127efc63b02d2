const AMIN = 1e-10;
const TOP_DB = 80.0;

/**
 * librosa.power_to_db(S, ref=np.max, amin=1e-10, top_db=80) over `groups` equal consecutive slices of
 * `values` (spec §A.7): one group = released librosa (ref and floor over all channels together),
 * one group per channel = librosa main's per-channel mode. Writes float32 like librosa's output.
 * `logScaled` says the values already are 10·log10(max(amin, S)); since log10 is monotonic, the
 * reference term is then simply their maximum. `values` is used as scratch.
 */
export function powerToDb(
  values: Float64Array,
  groups: number,
  out: Float32Array,
  logScaled: boolean,
): void {
  const size = values.length / groups;
  for (let g = 0; g < groups; g++) {
    const lo = g * size;
    const hi = lo + size;
    if (!logScaled) {
      for (let i = lo; i < hi; i++) {
        const p = values[i]!;
        values[i] = 10 * Math.log10(p > AMIN ? p : AMIN);
      }
    }
    let refDb = -Infinity;
    for (let i = lo; i < hi; i++) if (values[i]! > refDb) refDb = values[i]!;
    // max(D) = refDb - refDb = 0, so the top_db floor is -80 whenever ref = max(S).
    const floor = refDb - refDb - TOP_DB;
    for (let i = lo; i < hi; i++) {
      // Rounded to float32 once, after the floor, from the float64 difference.
      const d = values[i]! - refDb;
      out[i] = d > floor ? d : floor;
    }
  }
}
