import { gzipSync } from 'node:zlib';
import { melSpectrogramPng, wavFile, type Sample } from '@vstds/reader';
import { magma } from './colour-scale';

/** Dynamic range of the spectrogram images and of the colour scale beside them. */
export const MEL_RANGE_DB = 80;

/** One row of the grid as the page shows it. */
export interface RowCard {
  id: number;
  chunk: number;
  midi_note: number;
  velocity: number;
  /** One image source per channel (data: URI in a file report, a URL when served). */
  mel: string[];
  /** Peak dB of the row's mel (the top of its colour scale). */
  melMaxDb: number;
  /** A URL, or in a file report the gzip-compressed WAV as base64 that the page inflates. */
  audio: { url: string } | { wavGzipBase64: string };
  /** Absolute peak of the audio, to flag clipping (≥ 1) and silence. */
  peak: number;
  /** Decoded parameters; absent when served (fetched on demand). */
  params?: Record<string, number | [number, number]>;
}

export function melPng(mel: Float32Array, nMels: number, frames: number): Uint8Array {
  return melSpectrogramPng(mel, nMels, frames, { scale: 1, rangeDb: MEL_RANGE_DB, colour: magma });
}

/** The WAV of a row (16-bit PCM, every channel, at the dataset's rate) from its float16 audio. */
export function rowWav(s: Sample, sampleRate: number): Uint8Array {
  return wavFile(s.audio, sampleRate);
}

export function peakOf(s: Sample): number {
  let peak = 0;
  for (const ch of s.audio) for (let i = 0; i < ch.length; i++) peak = Math.max(peak, Math.abs(ch[i]!));
  return peak;
}

export function melMax(s: Sample): number {
  let max = -Infinity;
  for (const ch of s.mel_spec) for (let i = 0; i < ch.length; i++) if (ch[i]! > max) max = ch[i]!;
  return max;
}

/** A card with everything inlined, for the self-contained file. */
export function inlineRowCard(s: Sample, layout: { n_mels: number; frames: number; sample_rate: number }): RowCard {
  // WAV inflates from gzip in the page (DecompressionStream): stereo 16-bit audio keeps full quality
  // and the file stays a fraction of its raw size (release tails and silence compress well)
  const wav = rowWav(s, layout.sample_rate);
  return {
    id: s.global_id,
    chunk: s.chunk_index,
    midi_note: s.midi_note,
    velocity: s.velocity,
    mel: s.mel_spec.map((m) => `data:image/png;base64,${Buffer.from(melPng(m, layout.n_mels, layout.frames)).toString('base64')}`),
    melMaxDb: melMax(s),
    audio: { wavGzipBase64: gzipSync(wav, { level: 1 }).toString('base64') },
    peak: peakOf(s),
    params: s.params,
  };
}

/** A card whose media the server sends on request. */
export function servedRowCard(s: Pick<Sample, 'global_id' | 'chunk_index' | 'midi_note' | 'velocity' | 'audio' | 'mel_spec'>, channels: number): RowCard {
  const sample = s as Sample;
  return {
    id: s.global_id,
    chunk: s.chunk_index,
    midi_note: s.midi_note,
    velocity: s.velocity,
    mel: Array.from({ length: channels }, (_, c) => `api/rows/${s.global_id}/mel/${c}.png`),
    melMaxDb: melMax(sample),
    audio: { url: `api/rows/${s.global_id}/audio.wav` },
    peak: peakOf(sample),
  };
}
