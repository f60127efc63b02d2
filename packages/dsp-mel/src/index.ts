export { melSpectrogram, melSpectrogramWithBackend } from './mel-spectrogram';
export type { MelSpectrogram, MelSpectrogramOptions } from './mel-spectrogram';
export { integratedLoudness } from './integrated-loudness';
export { toFloat16Bits, toFloat16BitsPlanar, fromFloat16Bits } from './float16';
export { setFftBackend, fftBackendInfo } from './fft-backend';
export type { FftBackendChoice, FftBackendName } from './mel-backend';
export { melParams, frameCount } from './mel-params';
export type { MelParams } from './mel-params';
export { loudnessGate, loudnessVerdict } from './loudness-gate';
export type { LoudnessGateOperatorOptions } from './loudness-gate';
export { judgeLoudness } from './judge-loudness';
export { peakLevel } from './peak-level';
export type { LoudnessGateOptions, LoudnessVerdict } from './judge-loudness';
export { addMelSpectrogram } from './add-mel-spectrogram';
export { analyseRow } from './analyse-row';
export type { AnalyseRowOptions, RowAnalysis, RowBuffers } from './analyse-row';
export type {
  AudioRow,
  GateRejection,
  RejectReason,
  WithLoudness,
  WithMel,
} from './audio-row';
export {
  DspInputError,
  EmptyInputError,
  ChannelLengthMismatchError,
  InvalidSampleRateError,
  NonFiniteInputError,
  TooShortForLoudnessError,
  TooManyChannelsError,
  InvalidOptionError,
  FftBackendUnavailableError,
} from './errors';
