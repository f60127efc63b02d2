/**
 * The row's peak level: max |sample| over all channels (linear, 1.0 = full scale), measured on
 * the float32 render so it is the level the plugin produced, not float16's rounding of it.
 * NaN when a sample is NaN (the loudness gate rejects such rows before this is asked).
 */
export function peakLevel(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const ch of channels) {
    for (let i = 0; i < ch.length; i++) {
      const a = Math.abs(ch[i]!);
      if (a > peak) peak = a;
      else if (a !== a) return Number.NaN;
    }
  }
  return peak;
}
