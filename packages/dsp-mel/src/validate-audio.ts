import {
  ChannelLengthMismatchError,
  EmptyInputError,
  InvalidSampleRateError,
  NonFiniteInputError,
} from './errors';
import { nativeAddon, type NativeAddon } from './native-backend';

/** Checks the sample rate is a positive integer; `where` names the calling function in the message. */
export function validateSampleRate(sampleRate: number, where: string): void {
  if (
    typeof sampleRate !== 'number' ||
    !Number.isInteger(sampleRate) ||
    sampleRate <= 0
  ) {
    throw new InvalidSampleRateError(
      `${where}: sampleRate must be a positive integer, found ${String(sampleRate)}`,
    );
  }
}

/** Checks channels is a non-empty list of non-empty Float32Arrays of one length; returns that length. */
export function validateChannels(
  channels: readonly Float32Array[],
  where: string,
): number {
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new EmptyInputError(
      `${where}: channels must be a non-empty array of Float32Array, found ${describe(channels)}`,
    );
  }
  channels.forEach((ch, c) => {
    if (!(ch instanceof Float32Array)) {
      throw new EmptyInputError(
        `${where}: channels[${c}] must be a Float32Array, found ${describe(ch)}`,
      );
    }
  });
  const n = channels[0]!.length;
  channels.forEach((ch, c) => {
    if (ch.length !== n) {
      throw new ChannelLengthMismatchError(
        `${where}: every channel must have the same length; channels[0] has ${n} samples, channels[${c}] has ${ch.length}`,
      );
    }
  });
  if (n === 0) throw new EmptyInputError(`${where}: channels have no samples`);
  return n;
}

/** Index of the first NaN/±Infinity as [channel, index], or undefined when all samples are finite. */
export function findNonFinite(
  channels: readonly Float32Array[],
): [number, number] | undefined {
  return findNonFiniteWith(channels, nativeAddon());
}

/** findNonFinite, scanning in the addon when given (same answer, ~20× faster). */
export function findNonFiniteWith(
  channels: readonly Float32Array[],
  addon: NativeAddon | undefined,
): [number, number] | undefined {
  if (addon) {
    for (let c = 0; c < channels.length; c++) {
      const i = addon.firstNonFinite(channels[c]!);
      if (i >= 0) return [c, i];
    }
    return undefined;
  }
  for (let c = 0; c < channels.length; c++) {
    const ch = channels[c]!;
    for (let i = 0; i < ch.length; i++) {
      // x - x is NaN exactly for NaN and ±Infinity, and is cheaper than Number.isFinite.
      const v = ch[i]!;
      if (v - v !== 0) return [c, i];
    }
  }
  return undefined;
}

/** Throws NonFiniteInputError naming the first NaN/±Infinity sample. */
export function assertFinite(
  channels: readonly Float32Array[],
  where: string,
): void {
  const bad = findNonFinite(channels);
  if (bad) {
    const [c, i] = bad;
    throw new NonFiniteInputError(
      `${where}: audio must be finite everywhere; channels[${c}][${i}] is ${String(channels[c]![i])}`,
      c,
      i,
    );
  }
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an empty array`;
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}
