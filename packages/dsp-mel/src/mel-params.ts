/** STFT parameters the Python datasets derive from the sample rate (spec §A.1). */
export interface MelParams {
  readonly sampleRate: number;
  /** trunc(0.025 · sr): 1102 at 44.1 kHz, not a power of two. */
  readonly nFft: number;
  /** trunc(sr / 100): 441 at 44.1 kHz. */
  readonly hop: number;
  /** 1 + floor(nFft / 2). */
  readonly nBins: number;
  readonly nMels: 128;
}

export const N_MELS = 128 as const;

export function melParams(sampleRate: number): MelParams {
  const nFft = Math.trunc(0.025 * sampleRate);
  const hop = Math.trunc(sampleRate / 100.0);
  return {
    sampleRate,
    nFft,
    hop,
    nBins: 1 + Math.floor(nFft / 2),
    nMels: N_MELS,
  };
}

/** librosa's frame count with centre zero padding (spec §A.3); N = 0 still gives one frame. */
export function frameCount(samples: number, nFft: number, hop: number): number {
  const half = Math.floor(nFft / 2);
  return 1 + Math.floor((samples + 2 * half - nFft) / hop);
}
