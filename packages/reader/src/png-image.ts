import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A colour map from 0..1 to RGB (dark blue → magenta → yellow, close to "magma"). */
function colour(v: number): [number, number, number] {
  const stops: [number, number, number][] = [[0, 0, 4], [80, 18, 123], [182, 54, 121], [251, 136, 97], [252, 253, 191]];
  const x = Math.min(1, Math.max(0, v)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * f)) as [number, number, number];
}

/**
 * A mel spectrogram (n_mels × frames, mel-major, in dB) as a PNG: time left to right, low bands at
 * the bottom, colours spanning [max − range, max] dB. For notebooks (`tslab.display.png`). `colour`
 * maps 0..1 to RGB (default: a 5-stop approximation of magma) so a report can use a library's map.
 */
export function melSpectrogramPng(mel: Float32Array, nMels: number, frames: number, options: { rangeDb?: number; scale?: number; colour?: (v: number) => [number, number, number] } = {}): Uint8Array {
  const scale = options.scale ?? 2;
  const colourOf = options.colour ?? colour;
  const range = options.rangeDb ?? 80;
  let max = -Infinity;
  for (const v of mel) if (Number.isFinite(v) && v > max) max = v;
  const width = frames * scale;
  const height = nMels * scale;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const m = nMels - 1 - Math.floor(y / scale);
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const v = mel[m * frames + Math.floor(x / scale)]!;
      const [r, g, b] = colourOf(Number.isFinite(v) ? (v - (max - range)) / range : 0);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]));
}
