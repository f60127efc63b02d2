/** Channels of float audio as a 16-bit PCM WAV file (for an HTML audio element in a notebook). */
export function wavFile(channels: Float32Array[], sampleRate: number): Uint8Array {
  const n = channels[0]?.length ?? 0;
  const c = channels.length;
  const data = n * c * 2;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(c, 22);
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * c * 2, 28);
  b.writeUInt16LE(c * 2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(data, 40);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < c; k++) {
      const v = Math.max(-1, Math.min(1, channels[k]![i]!));
      b.writeInt16LE(Math.round(v * 32767), 44 + (i * c + k) * 2);
    }
  }
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** An HTML `<audio controls>` element playing the channels (a WAV data URI). */
export function audioElementHtml(channels: Float32Array[], sampleRate: number): string {
  return `<audio controls src="data:audio/wav;base64,${Buffer.from(wavFile(channels, sampleRate)).toString('base64')}"></audio>`;
}
