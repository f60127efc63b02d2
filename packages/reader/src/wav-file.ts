/** Sample encodings of a WAV file: 16-bit PCM (small, plays everywhere) or 32-bit float (lossless). */
export type WavFormat = 'pcm16' | 'float32';

/**
 * Planar channels of float audio as a WAV file, interleaved. `pcm16` (the default: HTML audio
 * elements in notebooks and reports) clips to [-1, 1]; `float32` (WAV format 3, `vstds render`)
 * keeps every render bit for bit.
 */
export function wavFile(channels: readonly Float32Array[], sampleRate: number, format: WavFormat = 'pcm16'): Uint8Array {
  const n = channels[0]?.length ?? 0;
  const c = channels.length;
  const bytes = format === 'float32' ? 4 : 2;
  const data = n * c * bytes;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(format === 'float32' ? 3 : 1, 20); // 3: IEEE float, 1: PCM
  b.writeUInt16LE(c, 22);
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * c * bytes, 28);
  b.writeUInt16LE(c * bytes, 32);
  b.writeUInt16LE(8 * bytes, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(data, 40);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < c; k++) {
      const at = 44 + (i * c + k) * bytes;
      const v = channels[k]![i]!;
      if (format === 'float32') b.writeFloatLE(v, at);
      else b.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), at);
    }
  }
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** An HTML `<audio controls>` element playing the channels (a WAV data URI). */
export function audioElementHtml(channels: Float32Array[], sampleRate: number): string {
  return `<audio controls src="data:audio/wav;base64,${Buffer.from(wavFile(channels, sampleRate)).toString('base64')}"></audio>`;
}
