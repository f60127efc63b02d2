import { describe, expect, it } from 'vitest';
import { encodeWavFloat32 } from '../src/index';

describe('encodeWavFloat32', () => {
  it('writes a float WAV header and interleaved samples', () => {
    const wav = Buffer.from(encodeWavFloat32([Float32Array.of(0.25, -1), Float32Array.of(0.5, 1)], 48000));
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt16LE(20)).toBe(3);
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(wav.readUInt32LE(24)).toBe(48000);
    expect(wav.readUInt32LE(40)).toBe(16);
    expect([0, 1, 2, 3].map((i) => wav.readFloatLE(44 + 4 * i))).toEqual([0.25, 0.5, -1, 1]);
  });
});
