import { map, type OperatorFunction } from 'rxjs';
import type { AudioRow, WithMel } from './audio-row';
import { melSpectrogram, type MelSpectrogramOptions } from './mel-spectrogram';

/** Attaches the librosa-exact log-mel spectrogram of each row's audio as `mel`. */
export function addMelSpectrogram<T extends AudioRow>(
  opts: MelSpectrogramOptions = {},
): OperatorFunction<T, WithMel<T>> {
  return map((row) => ({
    ...row,
    mel: melSpectrogram(row.channels, row.sampleRate, opts),
  }));
}
