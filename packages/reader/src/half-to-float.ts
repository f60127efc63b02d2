let table: Uint32Array | undefined;

/** The float32 bit patterns of all 65 536 half-precision values, built once (256 KiB). */
function halfTable(): Uint32Array {
  if (table) return table;
  const f = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    let v: number;
    if (exp === 0) v = frac * 2 ** -24; // subnormal
    else if (exp === 31) v = frac ? NaN : Infinity;
    else v = (1 + frac / 1024) * 2 ** (exp - 15);
    f[h] = sign * v;
  }
  table = new Uint32Array(f.buffer);
  return table;
}

/**
 * IEEE 754 half-precision bits → float32, exactly (every half is representable in float32).
 * Pure TypeScript on purpose: the reader has no native code and does not depend on @vstds/dsp-mel.
 */
export function halfToFloat32(bits: Uint16Array, out: Float32Array = new Float32Array(bits.length)): Float32Array {
  const t = halfTable();
  // Copying bit patterns (not float values) keeps NaN payloads and avoids float canonicalisation.
  const o = new Uint32Array(out.buffer, out.byteOffset, bits.length);
  for (let i = 0; i < bits.length; i++) o[i] = t[bits[i]!]!;
  return out;
}
