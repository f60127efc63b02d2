const rot = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * Bob Jenkins' lookup3 `hashlittle` over bytes, the checksum HDF5 stores after every version-2
 * object header chunk (and superblock v2+). Written from the published algorithm; verified against
 * checksums HDF5 itself wrote.
 */
export function lookup3(k: Uint8Array, initval = 0): number {
  let length = k.length;
  let a = (0xdeadbeef + length + initval) >>> 0;
  let b = a;
  let c = a;
  let o = 0;
  while (length > 12) {
    a = (a + (k[o]! | (k[o + 1]! << 8) | (k[o + 2]! << 16) | (k[o + 3]! << 24))) >>> 0;
    b = (b + (k[o + 4]! | (k[o + 5]! << 8) | (k[o + 6]! << 16) | (k[o + 7]! << 24))) >>> 0;
    c = (c + (k[o + 8]! | (k[o + 9]! << 8) | (k[o + 10]! << 16) | (k[o + 11]! << 24))) >>> 0;
    a = ((a - c) ^ rot(c, 4)) >>> 0; c = (c + b) >>> 0;
    b = ((b - a) ^ rot(a, 6)) >>> 0; a = (a + c) >>> 0;
    c = ((c - b) ^ rot(b, 8)) >>> 0; b = (b + a) >>> 0;
    a = ((a - c) ^ rot(c, 16)) >>> 0; c = (c + b) >>> 0;
    b = ((b - a) ^ rot(a, 19)) >>> 0; a = (a + c) >>> 0;
    c = ((c - b) ^ rot(b, 4)) >>> 0; b = (b + a) >>> 0;
    length -= 12;
    o += 12;
  }
  if (length === 0) return c;
  // The tail: byte i of the last 1..12 bytes goes to a, b or c, shifted by 8·(i mod 4).
  for (let i = 0; i < length; i++) {
    const v = k[o + i]! << ((i & 3) * 8);
    if (i < 4) a = (a + v) >>> 0;
    else if (i < 8) b = (b + v) >>> 0;
    else c = (c + v) >>> 0;
  }
  c = ((c ^ b) - rot(b, 14)) >>> 0;
  a = ((a ^ c) - rot(c, 11)) >>> 0;
  b = ((b ^ a) - rot(a, 25)) >>> 0;
  c = ((c ^ b) - rot(b, 16)) >>> 0;
  a = ((a ^ c) - rot(c, 4)) >>> 0;
  b = ((b ^ a) - rot(a, 14)) >>> 0;
  c = ((c ^ b) - rot(b, 24)) >>> 0;
  return c;
}
