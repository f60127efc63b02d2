/** Base class of every input error this package throws, so callers can catch them together. */
export class DspInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** No channels, or channels without samples where at least one is required. */
export class EmptyInputError extends DspInputError {}

/** Channels of different lengths (a planar signal must be rectangular). */
export class ChannelLengthMismatchError extends DspInputError {}

/** A sample rate that is not a positive integer. */
export class InvalidSampleRateError extends DspInputError {}

/** NaN or ±Infinity samples: librosa refuses them ("Audio buffer is not finite everywhere"). */
export class NonFiniteInputError extends DspInputError {
  constructor(
    message: string,
    /** Channel and sample index of the first non-finite value. */
    readonly channel: number,
    readonly index: number,
  ) {
    super(message);
  }
}

/** Fewer samples than one 400 ms gating block (pyloudnorm raises for this). */
export class TooShortForLoudnessError extends DspInputError {}

/** More channels than BS.1770 weights exist for (pyloudnorm: "five channels or less"). */
export class TooManyChannelsError extends DspInputError {}

/** Invalid options to a function or operator of this package. */
export class InvalidOptionError extends DspInputError {}

/** The fast (native FFTW) backend was requested explicitly but cannot be loaded here. */
export class FftBackendUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'FftBackendUnavailableError';
  }
}
