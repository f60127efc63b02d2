import { hammingWindow } from './hamming-window';
import { melFilterbank, type SparseMelFilterbank } from './mel-filterbank';
import { melParams, N_MELS, type MelParams } from './mel-params';
import { primeFactorTables } from './prime-factor-tables';

/** Everything that depends only on the sample rate: parameters, window and sparse filterbank. */
export interface MelSetup extends MelParams {
  readonly window: Float64Array;
  readonly filterbank: SparseMelFilterbank;
  /** The addon's prime-factor DFT tables when n_fft allows it (44.1 kHz), else undefined. */
  readonly primeFactorTables: Float64Array | undefined;
}

const cache = new Map<number, MelSetup>();

/** Built once per sample rate and kept for the process's lifetime (a handful of rates in practice). */
export function melSetup(sampleRate: number): MelSetup {
  let setup = cache.get(sampleRate);
  if (!setup) {
    const params = melParams(sampleRate);
    setup = {
      ...params,
      window: hammingWindow(params.nFft),
      filterbank: melFilterbank(sampleRate, params.nFft, N_MELS),
      primeFactorTables: primeFactorTables(params.nFft),
    };
    cache.set(sampleRate, setup);
  }
  return setup;
}
