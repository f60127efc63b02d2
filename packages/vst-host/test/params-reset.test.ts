import { describe, expect, it } from 'vitest';
import { type LoadOptions, loadPlugin, type Plugin, type RenderRequest } from '../src';
import { bytesOf, faultSynth, juceSlowSynth, juceSynth, zamComp, zamDelay } from './plugins';

// Fixed LCG: the same requests on every run.
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

// Each request moves a different random subset of `keys`, so the params reset has to put back
// parameters the previous render moved and this one does not.
function requests(plugin: Plugin, keys: string[], count: number): RenderRequest[] {
  const next = lcg(0x5eed);
  const sr = plugin.sampleRate;
  return Array.from({ length: count }, (_, i) => {
    const params: Record<string, number> = {};
    for (const k of keys) if (next() < 0.5) params[k] = next();
    const seconds = 0.3;
    if (plugin.info.isInstrument)
      return {
        params,
        notes: [{ pitch: 36 + Math.floor(next() * 48), velocity: 1 + Math.floor(next() * 126), start: 0.01, end: i % 3 === 0 ? 1e6 : 0.2 }],
        seconds,
      };
    const hz = 100 + next() * 2000;
    const input = Float32Array.from({ length: Math.round(seconds * sr) }, (_, n) => 0.7 * Math.sin((2 * Math.PI * hz * n) / sr));
    return { params, input: Array.from({ length: Math.max(1, plugin.info.inputChannels) }, () => input), seconds };
  });
}

const cases: { name: string; path: string; keys?: string[]; opts?: LoadOptions }[] = [
  { name: 'VstdsJuceSynth', path: juceSynth },
  // No warm-up block: the base values ride in the first real block, under the render's own.
  { name: 'VstdsJuceSynth (warmupBlocks 0)', path: juceSynth, opts: { warmupBlocks: 0 } },
  { name: 'VstdsJuceSlowSynth', path: juceSlowSynth },
  { name: 'ZamComp', path: zamComp },
  { name: 'ZamDelay', path: zamDelay },
  // Only Tone: the other controls crash, hang or mute the instrument by design.
  { name: 'VstdsFault', path: faultSynth, keys: ['tone'] },
];

describe('params reset (only the parameters a render moved are put back)', () => {
  for (const c of cases) {
    it(`${c.name}: the probe picks it, and it renders 40 random requests byte-identical to the state reset`, async () => {
      const cheap = await loadPlugin(c.path, c.opts);
      const full = await loadPlugin(c.path, { ...c.opts, reset: 'state' });
      try {
        expect(cheap.resetMode).toBe('params');
        expect(cheap.determinism).toEqual({ method: 'params', clock: 'real', bitReproducible: true, renderNoise: 0 });
        const keys = c.keys ?? cheap.parameters.map((p) => p.key);
        let differing = 0;
        let silent = 0;
        for (const req of requests(cheap, keys, 40)) {
          const a = bytesOf((await cheap.render(req)).channels);
          const b = bytesOf((await full.render(req)).channels);
          if (!a.equals(b)) differing++;
          if (a.every((x) => x === 0)) silent++;
        }
        expect(differing).toBe(0);
        expect(silent).toBeLessThan(40); // the comparison saw sound
      } finally {
        cheap.close();
        full.close();
      }
    });
  }

  it('is refused by LV2 plugins with a named error; the probe skips it there', async () => {
    const jx10 = await loadPlugin('http://drobilla.net/plugins/mda/JX10', { reset: 'state' });
    try {
      expect(() => jx10.setResetMode('params')).toThrow(/no params reset/);
      expect(jx10.resetMode).toBe('state');
    } finally {
      jx10.close();
    }
  });
});
