import { FftBackendUnavailableError, InvalidOptionError } from './errors';
import type {
  FftBackendChoice,
  FftBackendName,
  MelBackend,
} from './mel-backend';
import { loadNativeAddon, nativeBackend } from './native-backend';
import { portableBackend } from './portable-backend';

let fast: MelBackend | undefined;
let fftw: MelBackend | undefined;
let defaultChoice: FftBackendChoice = 'auto';

function fastBackend(): MelBackend | undefined {
  if (!fast) {
    const result = loadNativeAddon();
    if (result.ok) fast = nativeBackend(result.addon, true);
  }
  return fast;
}

function fftwBackend(): MelBackend | undefined {
  if (!fftw) {
    const result = loadNativeAddon();
    if (result.ok) fftw = nativeBackend(result.addon, false);
  }
  return fftw;
}

/** Resolves a backend choice; an explicit 'fast' that cannot load throws instead of falling back. */
export function resolveMelBackend(
  choice: FftBackendChoice = defaultChoice,
): MelBackend {
  switch (choice) {
    case 'portable':
      return portableBackend;
    case 'fast':
    case 'fftw': {
      const backend = choice === 'fast' ? fastBackend() : fftwBackend();
      if (!backend) {
        const result = loadNativeAddon();
        const cause = result.ok ? undefined : result.error;
        throw new FftBackendUnavailableError(
          `dsp-mel: the ${choice} (native) backend cannot be loaded: ${cause instanceof Error ? cause.message : String(cause)}`,
          cause,
        );
      }
      return backend;
    }
    case 'auto':
      return fastBackend() ?? portableBackend;
    default:
      throw new InvalidOptionError(
        `dsp-mel: backend must be 'auto', 'fast', 'fftw' or 'portable', found ${String(choice)}`,
      );
  }
}

/** Sets the process-wide default used when melSpectrogram gets no `backend` option. */
export function setFftBackend(choice: FftBackendChoice): void {
  resolveMelBackend(choice);
  defaultChoice = choice;
}

/** What `auto` resolves to here, whether the native path loads, and why not if it does not. */
export function fftBackendInfo(): {
  default: FftBackendChoice;
  active: FftBackendName;
  fastAvailable: boolean;
  fastError?: string;
} {
  const result = loadNativeAddon();
  return {
    default: defaultChoice,
    active: resolveMelBackend(defaultChoice).name,
    fastAvailable: result.ok,
    ...(result.ok
      ? {}
      : {
          fastError:
            result.error instanceof Error
              ? result.error.message
              : String(result.error),
        }),
  };
}
