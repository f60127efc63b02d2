import { describe, expect, it } from 'vitest';
import { wavFile } from './wav-file';

const header = (wav: Buffer) => ({
  riff: wav.toString('ascii', 0, 4),
  size: wav.readUInt32LE(4),
  format: wav.readUInt16LE(20),
  channels: wav.readUInt16LE(22),
  rate: wav.readUInt32LE(24),
  byteRate: wav.readUInt32LE(28),
  bits: wav.readUInt16LE(34),
  data: wav.readUInt32LE(40),
});

describe('wavFile', () => {
  const channels = [Float32Array.of(0.25, -1), Float32Array.of(0.5, 1)];

  it('float32: an IEEE-float WAV whose interleaved samples are the input bit for bit', () => {
    const wav = Buffer.from(wavFile([Float32Array.of(0.1, -3.5), Float32Array.of(1e-7, 2)], 48000, 'float32'));
    expect(header(wav)).toEqual({ riff: 'RIFF', size: 36 + 16, format: 3, channels: 2, rate: 48000, byteRate: 48000 * 8, bits: 32, data: 16 });
    expect([0, 1, 2, 3].map((i) => wav.readFloatLE(44 + 4 * i))).toEqual([Math.fround(0.1), Math.fround(1e-7), -3.5, 2]);
  });

  it('pcm16 (the default): 16-bit PCM, clipped to [-1, 1]', () => {
    const wav = Buffer.from(wavFile([Float32Array.of(0.5, -2), Float32Array.of(1, 0)], 44100));
    expect(header(wav)).toEqual({ riff: 'RIFF', size: 36 + 8, format: 1, channels: 2, rate: 44100, byteRate: 44100 * 4, bits: 16, data: 8 });
    expect([0, 1, 2, 3].map((i) => wav.readInt16LE(44 + 2 * i))).toEqual([16384, 32767, -32767, 0]);
    expect(wav.length).toBe(44 + 8);
    expect(Buffer.from(wavFile(channels, 8000, 'pcm16')).equals(Buffer.from(wavFile(channels, 8000)))).toBe(true);
  });
});
