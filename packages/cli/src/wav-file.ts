/** A 32-bit float WAV (format 3, interleaved) of planar channels: lossless for any render. */
export function encodeWavFloat32(channels: readonly Float32Array[], sampleRate: number): Uint8Array {
  const c = channels.length;
  const n = channels[0]?.length ?? 0;
  const dataBytes = n * c * 4;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(3, 20); // IEEE float
  buf.writeUInt16LE(c, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * c * 4, 28);
  buf.writeUInt16LE(c * 4, 32);
  buf.writeUInt16LE(32, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  let at = 44;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < c; k++) {
      buf.writeFloatLE(channels[k]![i]!, at);
      at += 4;
    }
  }
  return buf;
}
