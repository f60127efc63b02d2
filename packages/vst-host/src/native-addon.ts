import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PluginFormat, PluginInfo } from './types';

export interface NativeParameter {
  id: number;
  title: string;
  units: string;
  defaultValue: number;
  stepCount: number;
  valueStrings: string[];
}

export interface NativeRender {
  channels: Float32Array[];
  processSeconds: number;
  nativeSeconds: number;
}

/** One plugin instance in the addon; every call on it is serialized natively. */
export interface NativePluginHandle {
  info(): PluginInfo;
  parameters(): NativeParameter[];
  /** notes: (pitch, velocity, startSample, endSample) quadruples. */
  render(
    ids: Uint32Array,
    values: Float64Array,
    notes: Float64Array,
    numSamples: number,
    input: Float32Array[],
  ): Promise<NativeRender>;
  getState(): Uint8Array;
  setState(state: Uint8Array): void;
  applyToBase(ids: Uint32Array, values: Float64Array): void;
  parameterValues(): Float64Array;
  setReinstantiate(on: boolean): void;
  /** false: the format has no params reset (LV2), nothing changed. */
  setParamsReset(on: boolean): boolean;
  close(): void;
}

/** The functions the native addon exports. */
export interface NativeAddon {
  addonVersion(): string;
  /** glibc mallopt(M_PERTURB, byte): fresh heap blocks filled with a fixed byte; 0 turns it off. */
  setHeapPerturb(byte: number): boolean;
  load(
    path: string,
    format: PluginFormat,
    sampleRate: number,
    blockSize: number,
    warmupBlocks: number,
    reinstantiate: boolean,
    withheldFeatures?: readonly string[],
  ): Promise<NativePluginHandle>;
}

// src/ and dist/ both sit one level below the package root, where prebuilds/ lives.
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

let addon: NativeAddon | undefined;

/** Loads the compiled addon once per process (node-gyp-build looks in prebuilds/ then build/). */
export function loadNativeAddon(): NativeAddon {
  if (!addon) {
    const require = createRequire(import.meta.url);
    const nodeGypBuild = require('node-gyp-build') as (
      dir: string,
    ) => NativeAddon;
    addon = nodeGypBuild(packageRoot);
  }
  return addon;
}
