import { BluesteinPowerSpectrum } from './bluestein-power-spectrum';
import type { MelBackend } from './mel-backend';
import type { MelSetup } from './mel-setup';

interface Scratch {
  readonly bluestein: BluesteinPowerSpectrum;
  readonly frameA: Float64Array;
  readonly frameB: Float64Array;
  readonly powerA: Float64Array;
  readonly powerB: Float64Array;
}

const scratchByN = new Map<number, Scratch>();

function scratchFor(nFft: number): Scratch {
  let s = scratchByN.get(nFft);
  if (!s) {
    const bluestein = new BluesteinPowerSpectrum(nFft);
    s = {
      bluestein,
      frameA: new Float64Array(nFft),
      frameB: new Float64Array(nFft),
      powerA: new Float64Array(bluestein.nBins),
      powerB: new Float64Array(bluestein.nBins),
    };
    scratchByN.set(nFft, s);
  }
  return s;
}

function fillFrame(
  y: Float32Array,
  t: number,
  setup: MelSetup,
  frame: Float64Array,
): void {
  const { nFft, hop, window } = setup;
  const first = t * hop - Math.floor(nFft / 2);
  const n = y.length;
  for (let i = 0; i < nFft; i++) {
    const j = first + i;
    frame[i] = j >= 0 && j < n ? window[i]! * y[j]! : 0;
  }
}

function melProduct(
  power: Float64Array,
  setup: MelSetup,
  frames: number,
  t: number,
  out: Float64Array,
  outOffset: number,
): void {
  const { start, length, offset, weights, nMels } = setup.filterbank;
  for (let m = 0; m < nMels; m++) {
    const s0 = start[m]!;
    const o = offset[m]!;
    let s = 0;
    for (let k = 0, len = length[m]!; k < len; k++)
      s += weights[o + k]! * power[s0 + k]!;
    out[outOffset + m * frames + t] = s;
  }
}

/** Pure TypeScript path (fft.js + Bluestein, float64): runs anywhere, no native code. */
export const portableBackend: MelBackend = {
  name: 'portable',
  logScaled: false,
  melPower(samples, setup, frames, out, outOffset) {
    const { bluestein, frameA, frameB, powerA, powerB } = scratchFor(
      setup.nFft,
    );
    for (let t = 0; t < frames; t += 2) {
      fillFrame(samples, t, setup, frameA);
      const pair = t + 1 < frames;
      if (pair) fillFrame(samples, t + 1, setup, frameB);
      else frameB.fill(0);
      bluestein.powerPair(frameA, frameB, powerA, powerB);
      melProduct(powerA, setup, frames, t, out, outOffset);
      if (pair) melProduct(powerB, setup, frames, t + 1, out, outOffset);
    }
  },
};
