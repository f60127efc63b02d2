/**
 * Brings a plugin's output to the stored channel count: a mono output is duplicated for
 * `channels: 2`; for `channels: 1` all outputs are averaged (stereo → (L+R)/2); outputs beyond the
 * first two are dropped for `channels: 2`.
 */
export function adaptChannels(channels: readonly Float32Array[], target: 1 | 2): Float32Array[] {
  if (channels.length === 0) throw new RangeError('the plugin produced no output channels');
  if (target === 2) return channels.length === 1 ? [channels[0]!, channels[0]!] : [channels[0]!, channels[1]!];
  if (channels.length === 1) return [channels[0]!];
  const n = channels[0]!.length;
  const out = new Float32Array(n);
  const k = channels.length;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += channels[c]![i]!;
    out[i] = s / k;
  }
  return [out];
}
