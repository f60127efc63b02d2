import { describe, expect, it } from 'vitest';
import { loadPlugin } from '../src';
import { bytesOf, firstNonZero, kars, peak } from './plugins';

describe('Kars (DPF VST3 instrument, non-deterministic: calls rand())', () => {
  it('lists its parameters and plays a note from its start sample', async () => {
    const plugin = await loadPlugin(kars);
    try {
      expect(plugin.info).toMatchObject({ name: 'Kars', isInstrument: true });
      expect(plugin.parameters.map((p) => p.key)).toEqual([
        'sustain',
        'release_s',
        'volume',
      ]);
      const out = await plugin.render({
        notes: [{ pitch: 57, velocity: 110, start: 0.1, end: 0.4 }],
        seconds: 0.5,
      });
      expect(peak(out.channels, 0, 4410)).toBe(0);
      expect(firstNonZero(out.channels[0])).toBeGreaterThanOrEqual(4410);
      expect(firstNonZero(out.channels[0])).toBeLessThan(4410 + 512);
      expect(peak(out.channels)).toBeGreaterThan(0.05);
      const quiet = await plugin.render({
        notes: [{ pitch: 57, velocity: 110, start: 0.1, end: 0.4 }],
        seconds: 0.5,
        params: { volume: 0.1 },
      });
      expect(peak(quiet.channels)).toBeLessThan(peak(out.channels));
      // Two renders of the same request are not compared bit for bit: Kars seeds its strings from rand().
      expect(bytesOf(quiet.channels).length).toBe(bytesOf(out.channels).length);
    } finally {
      plugin.close();
    }
  });

  it('measureRenderNoise reports its randomness (0 would mean deterministic)', async () => {
    const plugin = await loadPlugin(kars);
    try {
      const noise = await plugin.measureRenderNoise({
        notes: [{ pitch: 57, velocity: 110, start: 0, end: 0.3 }],
        seconds: 0.4,
      });
      expect(noise).toBeGreaterThan(0);
    } finally {
      plugin.close();
    }
  });
});

describe('reset mode detection', () => {
  it('keeps the state reset for a random plugin (recreating it would not make it repeatable)', async () => {
    const plugin = await loadPlugin(kars);
    expect(plugin.resetMode).toBe('state');
    plugin.close();
  });
});
