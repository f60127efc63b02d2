import { from, lastValueFrom, toArray } from 'rxjs';
import { type ChunkRow, openDatasetDir, parseCompression, writeChunks } from '@vstds/hdf5-chunks';
import { encode, loadSpec, sampleRow } from '@vstds/param-spec';

export const LAYOUT = { channels: 2, sampleRate: 8000, seconds: 0.5, nMels: 16, frames: 9 };
export const SPEC = loadSpec('surge_4');

/** float32 → half bits, round to nearest even (test-side; the CLI uses @vstds/dsp-mel). */
export function toHalfBits(x: number): number {
  const u = new Uint32Array(new Float32Array([x]).buffer)[0]!;
  const sign = (u >>> 16) & 0x8000;
  const exp = (u >>> 23) & 0xff;
  let mant = u & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 112;
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

/** A row made from surge_4's real sampled parameters, with a sine at the sampled pitch. */
export function makeRow(globalId: number, seed: number): ChunkRow & { audioFloat: Float32Array } {
  const s = sampleRow(SPEC, { seed, index: globalId, attempt: 0 });
  const samples = LAYOUT.sampleRate * LAYOUT.seconds;
  const audioFloat = new Float32Array(LAYOUT.channels * samples);
  const hz = 440 * 2 ** ((s.noteParams.pitch - 69) / 12);
  for (let c = 0; c < LAYOUT.channels; c++) {
    for (let i = 0; i < samples; i++) audioFloat[c * samples + i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / LAYOUT.sampleRate + c) * Math.exp((-3 * i) / samples);
  }
  const audio = Uint16Array.from(audioFloat, toHalfBits);
  const mel = new Float32Array(LAYOUT.channels * LAYOUT.nMels * LAYOUT.frames).map((_, i) => -80 + ((i * 13 + globalId * 7) % 81));
  return {
    globalId, audio, audioFloat, mel, paramArray: encode(SPEC, s.synthParams, s.noteParams),
    parameters: { synth_params: s.synthParams, note_params: s.noteParams as unknown as Record<string, number> },
    midiNote: s.noteParams.pitch, velocity: 100,
    peak: audioFloat.reduce((m, x) => Math.max(m, Math.abs(x)), 0),
  };
}

/** Writes a small complete dataset (surge_4 spec) and returns its rows. */
export async function makeDataset(dir: string, total = 25, perFile = 10, seed = 7, compression = 'none'): Promise<ReturnType<typeof makeRow>[]> {
  const ds = openDatasetDir(dir, {
    totalSamples: total, samplesPerFile: perFile, compression: parseCompression(compression),
    metadata: {
      audio: { sample_rate: LAYOUT.sampleRate, channels: LAYOUT.channels, signal_duration_seconds: LAYOUT.seconds, note_duration_seconds: 0.4, min_loudness: -60, velocity: 100, min_pitch: 48, max_pitch: 72 },
      paramNames: [...SPEC.synth_params.map((p) => p.name), ...SPEC.note_params.map((p) => p.name)],
      paramSpec: SPEC as unknown as Record<string, never>, plugin: { name: 'Test', vendor: 'vstds', version: '1', format: 'vst3', uid: 'u', path: '/p' },
      seed, nMels: LAYOUT.nMels,
    },
    config: { num_samples: total, samples_per_file: perFile, seed },
  });
  const rows = Array.from({ length: total }, (_, i) => makeRow(i, seed));
  await lastValueFrom(from(rows).pipe(writeChunks(ds), toArray()));
  return rows;
}
