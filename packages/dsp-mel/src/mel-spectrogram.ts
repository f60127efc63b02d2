import { InvalidOptionError, InvalidSampleRateError } from './errors';
import { resolveMelBackend } from './fft-backend';
import type { FftBackendChoice, FftBackendName } from './mel-backend';
import { frameCount, N_MELS } from './mel-params';
import { melSetup } from './mel-setup';
import { powerToDb } from './power-to-db';
import {
  assertFinite,
  validateChannels,
  validateSampleRate,
} from './validate-audio';

export interface MelSpectrogramOptions {
  /**
   * 'global' (default) = released librosa 0.9–0.11: dB reference and 80 dB floor over all channels
   * together. 'per-channel' = librosa main (PR #2051): reference and floor per channel.
   */
  dbReference?: 'global' | 'per-channel';
  /** FFT implementation; default: the process default (see setFftBackend), normally 'auto'. */
  backend?: FftBackendChoice;
}

export interface MelSpectrogram {
  /** channels × 128 × frames, row-major, in dB (max 0, floor max − 80). */
  data: Float32Array;
  channels: number;
  mels: 128;
  frames: number;
}

/**
 * librosa.power_to_db(librosa.feature.melspectrogram(y, sr, n_mels=128, n_fft=int(0.025·sr),
 * hop_length=int(sr/100), window='hamming'), ref=np.max) — see ../../shared/docs/dsp-spec.md §A.
 * Refuses NaN/±Infinity like librosa does. Fewer samples than n_fft are fine (librosa only warns).
 */
export function melSpectrogram(
  channels: Float32Array[],
  sampleRate: number,
  opts: MelSpectrogramOptions = {},
): MelSpectrogram {
  return melSpectrogramWithBackend(channels, sampleRate, opts).mel;
}

/** Same as melSpectrogram, and says which backend computed it (tests and benchmarks use this). */
export function melSpectrogramWithBackend(
  channels: Float32Array[],
  sampleRate: number,
  opts: MelSpectrogramOptions = {},
): { mel: MelSpectrogram; backend: FftBackendName } {
  return computeMel(channels, sampleRate, opts, true);
}

// The float64 mel power of the last row, reused: one 4 s stereo row needs 0.8 MB, and a worker
// computes rows one after another (each thread has its own module instance, so its own buffer).
let scratch = new Float64Array(0);

/**
 * melSpectrogramWithBackend; `checkFinite` false skips the NaN/±Infinity scan for callers that have
 * just made it (analyseRow, after the loudness gate); `into` receives the result instead of a new array.
 */
export function computeMel(
  channels: Float32Array[],
  sampleRate: number,
  opts: MelSpectrogramOptions,
  checkFinite: boolean,
  into?: Float32Array,
): { mel: MelSpectrogram; backend: FftBackendName } {
  validateSampleRate(sampleRate, 'melSpectrogram');
  const n = validateChannels(channels, 'melSpectrogram');
  const dbReference = opts.dbReference ?? 'global';
  if (dbReference !== 'global' && dbReference !== 'per-channel') {
    throw new InvalidOptionError(
      `melSpectrogram: dbReference must be 'global' or 'per-channel', found ${String(dbReference)}`,
    );
  }
  if (checkFinite) assertFinite(channels, 'melSpectrogram');
  const setup = melSetup(sampleRate);
  if (setup.nFft < 2 || setup.hop < 1) {
    throw new InvalidSampleRateError(
      `melSpectrogram: sampleRate ${sampleRate} gives n_fft ${setup.nFft} and hop ${setup.hop}; need sampleRate >= 100`,
    );
  }
  const backend = resolveMelBackend(opts.backend);
  const frames = frameCount(n, setup.nFft, setup.hop);
  const plane = N_MELS * frames;
  const size = channels.length * plane;
  if (scratch.length < size) scratch = new Float64Array(size);
  const power = scratch.subarray(0, size);
  channels.forEach((ch, c) =>
    backend.melPower(ch, setup, frames, power, c * plane),
  );
  if (into && into.length !== size) {
    throw new InvalidOptionError(
      `melSpectrogram: the output buffer must hold ${channels.length} × ${N_MELS} × ${frames} = ${size} values, found ${into.length}`,
    );
  }
  const data = into ?? new Float32Array(size);
  const groups = dbReference === 'global' ? 1 : channels.length;
  if (backend.powerToDb) backend.powerToDb(power, groups, data);
  else powerToDb(power, groups, data, backend.logScaled);
  return {
    mel: { data, channels: channels.length, mels: N_MELS, frames },
    backend: backend.name,
  };
}
