import type { MelSetup } from './mel-setup';

/**
 * Which implementation computes the mel power spectrogram: 'fast' = the addon with its prime-factor
 * DFT where n_fft allows (44.1 kHz) and FFTW elsewhere; 'fftw' = the addon with FFTW at every rate
 * (the bytes of datasets made before the prime-factor DFT); 'portable' = TypeScript (fft.js).
 */
export type FftBackendName = 'fast' | 'fftw' | 'portable';
/** `auto` = the fast native path when its addon loads here, else the portable path. */
export type FftBackendChoice = FftBackendName | 'auto';

/**
 * Computes one channel's mel power S[m][t] (or its dB term, see logScaled) into out[outOffset + m·frames + t].
 * Both backends frame with centre zero padding, apply the same window and filterbank (from MelSetup)
 * and differ only in the exact n_fft-point DFT.
 */
export interface MelBackend {
  readonly name: FftBackendName;
  /** True when melPower already stores 10·log10(max(amin, S)) (the array term of power_to_db). */
  readonly logScaled: boolean;
  melPower(
    samples: Float32Array,
    setup: MelSetup,
    frames: number,
    out: Float64Array,
    outOffset: number,
  ): void;
  /**
   * The backend's own power_to_db over `groups` equal slices of the mel power (see power-to-db.ts),
   * when it has one; `values` is scratch. Without it the TypeScript powerToDb runs.
   */
  powerToDb?(values: Float64Array, groups: number, out: Float32Array): void;
}
