import { resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
export const nekobi = resolve(repoRoot, '.plugins/vst3/Nekobi.vst3');
export const kars = resolve(repoRoot, '.plugins/vst3/Kars.vst3');
export const zamComp = '/usr/lib/vst3/ZamComp.vst3';
export const zamDelay = '/usr/lib/vst3/ZamDelay.vst3';
export const jx10 = 'http://drobilla.net/plugins/mda/JX10';
export const dx10 = 'http://drobilla.net/plugins/mda/DX10';

export function peak(
  channels: Float32Array[],
  from = 0,
  to = Infinity,
): number {
  let max = 0;
  for (const ch of channels)
    for (let i = from; i < Math.min(to, ch.length); i++)
      max = Math.max(max, Math.abs(ch[i]));
  return max;
}

export function firstNonZero(ch: Float32Array): number {
  return ch.findIndex((v) => v !== 0);
}

export function bytesOf(channels: Float32Array[]): Buffer {
  return Buffer.concat(
    channels.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)),
  );
}
export const juceSynth = resolve(repoRoot, '.plugins/vst3/VstdsJuceSynth.vst3');
export const faultSynth = resolve(repoRoot, '.plugins/vst3/VstdsFault.vst3');
/** The JUCE synth whose state restore costs a few ms, like Surge XT's (tools/fixtures/juce-synth). */
export const juceSlowSynth = resolve(repoRoot, '.plugins/vst3/VstdsJuceSlowSynth.vst3');
/** Slow state plus a generator seeded from the wall clock at construction, like Surge XT. */
export const juceClockSynth = resolve(repoRoot, '.plugins/vst3/VstdsJuceClockSynth.vst3');
