import { InvalidOptionError } from './errors';
import { nativeAddon } from './native-backend';

/**
 * float32 → IEEE 754 binary16 bits, exactly numpy's `astype(np.float16)`: round half to even
 * (including into and out of subnormals), overflow to ±inf, ±0 kept, NaN keeps its sign and the top
 * 10 payload bits (never turning into inf). Uses the addon (F16C) when it loads: the same bits.
 */
export function toFloat16Bits(x: Float32Array): Uint16Array {
  const out = new Uint16Array(x.length);
  float16Into(x, out, 0);
  return out;
}

/**
 * Planar float16 bits of all channels in one array (channel c at c·n), without per-channel copies;
 * into `into` when given (it must hold exactly channels × n values).
 */
export function toFloat16BitsPlanar(
  channels: readonly Float32Array[],
  into?: Uint16Array,
): Uint16Array {
  const n = channels[0]?.length ?? 0;
  if (into && into.length !== channels.length * n) {
    throw new InvalidOptionError(
      `toFloat16BitsPlanar: the output buffer must hold ${channels.length} × ${n} = ${channels.length * n} values, found ${into.length}`,
    );
  }
  const out = into ?? new Uint16Array(channels.length * n);
  channels.forEach((ch, c) => float16Into(ch, out, c * n));
  return out;
}

function float16Into(x: Float32Array, out: Uint16Array, offset: number): void {
  const addon = nativeAddon();
  if (addon) addon.float16Bits(x, out, offset);
  else toFloat16BitsPortable(x, out, offset);
}

/** The TypeScript conversion (used when the addon cannot load; tests hold the addon to it). */
export function toFloat16BitsPortable(
  x: Float32Array,
  out: Uint16Array,
  offset: number,
): void {
  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);
  for (let i = 0; i < bits.length; i++)
    out[offset + i] = halfFromFloatBits(bits[i]!);
}

function halfFromFloatBits(f: number): number {
  const sign = (f >>> 16) & 0x8000;
  const fexp = f & 0x7f800000;
  const fsig = f & 0x7fffff;
  if (fexp >= 0x47800000) {
    if (fexp === 0x7f800000 && fsig !== 0) {
      const nan = 0x7c00 + (fsig >>> 13);
      return sign | (nan === 0x7c00 ? 0x7c01 : nan);
    }
    return sign | 0x7c00;
  }
  if (fexp <= 0x38000000) {
    // Half subnormal (or zero): significand with its implicit bit, shifted by 14..24 places.
    if (fexp < 0x33000000) return sign;
    const shift = 126 - (fexp >>> 23);
    const sig = 0x800000 | fsig;
    let h = sig >>> shift;
    const rem = sig & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && (h & 1) === 1)) h++;
    return sign | h;
  }
  // Normal: a carry out of the significand correctly bumps the exponent (up to inf).
  // Round half to even without a branch: adding 0xfff plus the kept LSB carries exactly when the
  // dropped 13 bits exceed half, or equal half with an odd LSB.
  const rounded = fsig + 0xfff + ((fsig >>> 13) & 1);
  return sign | (((fexp - 0x38000000) >>> 13) + (rounded >>> 13));
}

/** binary16 bits → float32 (exact; NaN payloads kept like numpy). */
export function fromFloat16Bits(h: Uint16Array): Float32Array {
  const out = new Float32Array(h.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < h.length; i++) {
    const v = h[i]!;
    const sign = (v & 0x8000) << 16;
    const exp = v & 0x7c00;
    const sig = v & 0x3ff;
    if (exp === 0x7c00) bits[i] = (sign | 0x7f800000 | (sig << 13)) >>> 0;
    else if (exp !== 0)
      bits[i] = (sign | (((v & 0x7fff) + 0x1c000) << 13)) >>> 0;
    else if (sig === 0) bits[i] = sign >>> 0;
    else out[i] = (sign ? -sig : sig) * 5.9604644775390625e-8;
  }
  return out;
}
