import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MelBackend } from './mel-backend';

export interface NativeAddon {
  fftwVersion: string;
  /** Whether float16Bits uses the CPU's F16C instructions (same bits either way). */
  f16c: boolean;
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
    dftTables?: Float64Array,
  ): void;
  /** K-weighting energies per piece, the same float64 operations as integrated-loudness.ts. */
  kWeightedPieceSums(
    x: Float32Array,
    x2: Float32Array | null,
    coeffs: Float64Array,
    cuts: Int32Array,
    sums: Float64Array,
    sums2: Float64Array | null,
  ): void;
  /** Index of the first NaN/±Infinity in x, or -1. */
  firstNonFinite(x: Float32Array): number;
  /** max |x[i]| with NaN samples skipped, the same number as peak-level.ts's loop. */
  peakAbs(x: Float32Array): number;
  /** power_to_db of mel power per group (libm log10, skipping logs that land on the floor). */
  dbFromPower(values: Float64Array, groups: number, out: Float32Array): void;
  /** out[outOffset + i] = binary16 bits of x[i], the same bits as float16.ts. */
  float16Bits(x: Float32Array, out: Uint16Array, outOffset: number): void;
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
      // An addon built from older sources lacks the later entry points: use none of it then.
      for (const fn of [
        'melPower',
        'kWeightedPieceSums',
        'float16Bits',
        'peakAbs',
      ] as const)
        if (typeof addon[fn] !== 'function')
          throw new Error(
            `addon has no ${fn}() (rebuild it: npm run build:native)`,
          );
      loaded = { ok: true, addon };
    } catch (error) {
      loaded = { ok: false, error };
    }
  }
  return loaded;
}

/** The addon when it loads here, else undefined (callers then use their TypeScript twin). */
export function nativeAddon(): NativeAddon | undefined {
  const result = loadNativeAddon();
  return result.ok ? result.addon : undefined;
}

/**
 * Native paths: framing and mel product in C++, float64. `primeFactor` true uses the addon's
 * prime-factor DFT where the sample rate's n_fft allows it (backend 'fast'), false always FFTW's
 * (backend 'fftw', the bytes of earlier datasets).
 */
export function nativeBackend(
  addon: NativeAddon,
  primeFactor: boolean,
): MelBackend {
  return {
    name: primeFactor ? 'fast' : 'fftw',
    logScaled: false,
    powerToDb: (values, groups, out) => addon.dbFromPower(values, groups, out),
    melPower(samples, setup, frames, out, outOffset) {
      const fb = setup.filterbank;
      const args = [
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
        false,
      ] as const;
      if (primeFactor && setup.primeFactorTables)
        addon.melPower(...args, setup.primeFactorTables);
      else addon.melPower(...args);
    },
  };
}
