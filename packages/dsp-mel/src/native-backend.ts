import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MelBackend } from './mel-backend';

interface NativeAddon {
  fftwVersion: string;
  melPower(
    samples: Float32Array,
    nFft: number,
    hop: number,
    frames: number,
    window: Float64Array,
    fbStart: Int32Array,
    fbLength: Int32Array,
    fbOffset: Int32Array,
    fbWeights: Float64Array,
    out: Float64Array,
    outOffset: number,
    logScale: boolean,
  ): void;
}

type LoadResult =
  | { ok: true; addon: NativeAddon }
  | { ok: false; error: unknown };
let loaded: LoadResult | undefined;

/** Loads the FFTW addon once per process; a failure is remembered, not retried. */
export function loadNativeAddon(): LoadResult {
  if (!loaded) {
    try {
      // An escape hatch for notebooks and for testing the fallback on machines that have the addon.
      if (process.env.VSTDS_DSP_MEL_NATIVE === '0')
        throw new Error('native backend disabled by VSTDS_DSP_MEL_NATIVE=0');
      // src/ and dist/ both sit one level below the package root, where prebuilds/ lives.
      const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
      const require = createRequire(import.meta.url);
      const nodeGypBuild = require('node-gyp-build') as (
        dir: string,
      ) => NativeAddon;
      const addon = nodeGypBuild(packageRoot);
      if (typeof addon.melPower !== 'function')
        throw new Error('addon has no melPower()');
      loaded = { ok: true, addon };
    } catch (error) {
      loaded = { ok: false, error };
    }
  }
  return loaded;
}

/** Native path: FFTW's exact n_fft-point real DFT in float64, framing and mel product in C++. */
export function nativeBackend(addon: NativeAddon): MelBackend {
  return {
    name: 'fast',
    logScaled: true,
    melPower(samples, setup, frames, out, outOffset) {
      const fb = setup.filterbank;
      addon.melPower(
        samples,
        setup.nFft,
        setup.hop,
        frames,
        setup.window,
        fb.start,
        fb.length,
        fb.offset,
        fb.weights,
        out,
        outOffset,
        true,
      );
    },
  };
}
