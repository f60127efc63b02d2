import type { ChunkMetadata, ChunkRow } from '../src/index';

/** float32 → IEEE half bits, round to nearest even (test-side only; the CLI uses @vstds/dsp-mel). */
export function toHalfBits(x: number): number {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer)[0]!;
  const sign = (u >>> 16) & 0x8000;
  const exp = (u >>> 23) & 0xff;
  let mant = u & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return sign | h;
}

export interface TestLayout {
  channels: number;
  sampleRate: number;
  seconds: number;
  nMels: number;
  frames: number;
  width: number;
}

export const SMALL: TestLayout = { channels: 2, sampleRate: 4000, seconds: 0.5, nMels: 8, frames: 5, width: 7 };

export function metadataFor(l: TestLayout, seed = 1234): ChunkMetadata {
  return {
    audio: {
      sample_rate: l.sampleRate, channels: l.channels, signal_duration_seconds: l.seconds, note_duration_seconds: l.seconds * 0.75,
      min_loudness: -55.5, velocity: [60, 127], min_pitch: 48, max_pitch: 72,
    },
    paramNames: Array.from({ length: l.width }, (_, i) => `p${i}`),
    paramSpec: { name: 'test', synth_params: [], note_params: [] },
    plugin: { name: 'Test Synth', vendor: 'vstds', version: '1.0', format: 'vst3', uid: 'abc', path: '/x/Test.vst3', preset_sha256: null },
    seed,
    nMels: l.nMels,
  };
}

/** A deterministic row: a decaying sine per channel, a mel ramp, params from the id. */
export function makeRow(l: TestLayout, globalId: number): ChunkRow {
  const samples = Math.round(l.sampleRate * l.seconds);
  const audio = new Uint16Array(l.channels * samples);
  for (let c = 0; c < l.channels; c++) {
    for (let i = 0; i < samples; i++) {
      const t = i / l.sampleRate;
      audio[c * samples + i] = toHalfBits(Math.sin(2 * Math.PI * (110 + globalId + 50 * c) * t) * Math.exp(-2 * t) * 0.8);
    }
  }
  const mel = new Float32Array(l.channels * l.nMels * l.frames).map((_, i) => -80 + ((i * 7 + globalId) % 80));
  const paramArray = new Float32Array(l.width).map((_, i) => ((globalId * 31 + i * 17) % 100) / 100);
  return {
    globalId, audio, mel, paramArray,
    parameters: { synth: { p0: paramArray[0]!, name: `räw ${globalId}` }, note: { pitch: 48 + (globalId % 25) } },
    midiNote: 48 + (globalId % 25), velocity: 60 + (globalId % 68),
    // Some rows over full scale, as a loud synth gives them (float32-exact values).
    peak: 0.25 * (1 + (globalId % 6)),
  };
}

export function makeRows(l: TestLayout, from: number, to: number): ChunkRow[] {
  const out: ChunkRow[] = [];
  for (let g = from; g < to; g++) out.push(makeRow(l, g));
  return out;
}
