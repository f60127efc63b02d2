import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlugin, type Plugin } from '../src';
import { bytesOf, firstNonZero, nekobi, peak } from './plugins';

const note = { pitch: 48, velocity: 100, start: 0.1, end: 0.6 };
const A = {
  params: { cutoff: 0.3, vcf_resonance: 0.6 },
  notes: [note],
  seconds: 1,
};
const B = {
  params: { cutoff: 0.9, env_mod: 0.1, waveform: 1 },
  notes: [{ ...note, pitch: 36 }],
  seconds: 1,
};
// Louder, held past the end: engages Nekobi's accent follower, which lives outside its state.
const hostileB = {
  params: { cutoff: 0.9 },
  notes: [{ ...note, pitch: 36, velocity: 127, end: 5 }],
  seconds: 0.8,
};
const held = { notes: [{ ...note, pitch: 36, end: 5 }], seconds: 0.5 };

describe('Nekobi (DPF VST3 instrument)', () => {
  let plugin: Plugin;
  beforeAll(async () => {
    plugin = await loadPlugin(nekobi);
  });
  afterAll(() => plugin.close());

  it('reports its info', () => {
    expect(plugin.info).toMatchObject({
      name: 'Nekobi',
      format: 'vst3',
      isInstrument: true,
      inputChannels: 0,
    });
    expect(plugin.info.uid).toMatch(/^[0-9A-F]{32}$/);
    expect(plugin.info.outputChannels).toBeGreaterThanOrEqual(1);
  });

  it('lists exactly the visible parameters, not the 2080 MIDI-CC stand-ins', () => {
    expect(plugin.parameters.map((p) => p.title)).toEqual([
      'Waveform',
      'Tuning',
      'Cutoff',
      'VCF Resonance',
      'Env Mod',
      'Decay',
      'Accent',
      'Volume',
    ]);
    expect(plugin.parameters.map((p) => p.key)).toEqual([
      'waveform',
      'tuning',
      'cutoff',
      'vcf_resonance',
      'env_mod',
      'decay',
      'accent',
      'volume',
    ]);
    const waveform = plugin.parameters[0];
    expect(waveform.stepCount).toBe(1);
    expect(waveform.valueStrings).toHaveLength(2);
    for (const p of plugin.parameters)
      expect(p.defaultValue).toBeGreaterThanOrEqual(0);
  });

  it('a note at 0.1 s sounds from sample 4410', async () => {
    const out = await plugin.render({ notes: [note], seconds: 0.5 });
    expect(out.sampleRate).toBe(44100);
    expect(out.channels[0]).toHaveLength(22050);
    expect(peak(out.channels, 0, 4410)).toBe(0);
    const onset = firstNonZero(out.channels[0]);
    // Nekobi's own voice starts a few samples late; never earlier, never a block late.
    expect(onset).toBeGreaterThanOrEqual(4410);
    expect(onset).toBeLessThan(4410 + 64);
    expect(peak(out.channels)).toBeGreaterThan(0.01);
  });

  it('renders silence without notes', async () => {
    expect(peak((await plugin.render({ seconds: 0.3 })).channels)).toBe(0);
  });

  it('changing Cutoff changes the audio', async () => {
    const low = await plugin.render({ ...A, params: { cutoff: 0.1 } });
    const high = await plugin.render({ ...A, params: { cutoff: 0.9 } });
    expect(bytesOf(low.channels).equals(bytesOf(high.channels))).toBe(false);
  });

  it('a note still held at the end is released before the next render (state reset)', async () => {
    const own = await loadPlugin(nekobi, { reset: 'state' });
    const out = await own.render(held);
    expect(peak(out.channels, 22000)).toBeGreaterThan(0.01);
    expect(peak((await own.render({ seconds: 0.3 })).channels)).toBe(0);
    own.close();
  });

  it('a note still held at the end does not leak into the next render', async () => {
    const out = await plugin.render(held);
    expect(peak(out.channels, 22000)).toBeGreaterThan(0.01);
    expect(peak((await plugin.render({ seconds: 0.3 })).channels)).toBe(0);
  });

  it('A, B, A give bit-identical A with the plain state reset (B: other params, pitch, waveform)', async () => {
    const own = await loadPlugin(nekobi, { reset: 'state' });
    try {
      const a1 = await own.render(A);
      const b = await own.render(B);
      const a2 = await own.render(A);
      expect(bytesOf(b.channels).equals(bytesOf(a1.channels))).toBe(false);
      expect(bytesOf(a2.channels).equals(bytesOf(a1.channels))).toBe(true);
      expect(await own.measureRenderNoise(A)).toBe(0);
    } finally {
      own.close();
    }
  });

  it('a fresh instance renders the same A as a reused one (state reset)', async () => {
    const reused = await loadPlugin(nekobi, { reset: 'state' });
    const fresh = await loadPlugin(nekobi);
    try {
      await reused.render(B);
      const a1 = await reused.render(A);
      const a2 = await fresh.render(A);
      expect(bytesOf(a2.channels).equals(bytesOf(a1.channels))).toBe(true);
    } finally {
      reused.close();
      fresh.close();
    }
  });

  it('accepts numeric ids as keys', async () => {
    const own = await loadPlugin(nekobi, { reset: 'instance' });
    try {
      const cutoff = own.parameters.find((p) => p.key === 'cutoff')!;
      const byKey = await own.render({ ...A, params: { cutoff: 0.7 } });
      const byId = await own.render({
        ...A,
        params: { [String(cutoff.id)]: 0.7 },
      });
      expect(bytesOf(byId.channels).equals(bytesOf(byKey.channels))).toBe(true);
    } finally {
      own.close();
    }
  });

  it('renders in call order even when calls are not awaited, and reports process time', async () => {
    const own = await loadPlugin(nekobi, { reset: 'instance' });
    const outs = await Promise.all([
      own.render(A),
      own.render(B),
      own.render(A),
    ]);
    own.close();
    expect(bytesOf(outs[0].channels).equals(bytesOf(outs[2].channels))).toBe(
      true,
    );
    expect(outs[0].processSeconds).toBeGreaterThan(0);
  });

  it('handles seconds that are not a whole number of blocks', async () => {
    const out = await plugin.render({
      notes: [{ pitch: 60, velocity: 90, start: 0, end: 0.01 }],
      seconds: 0.0123,
    });
    expect(out.channels[0]).toHaveLength(Math.round(0.0123 * 44100));
  });
});

describe('Nekobi with the default reset', () => {
  it("is detected as keeping DSP memory outside its state: reset 'instance'", async () => {
    const plugin = await loadPlugin(nekobi);
    expect(plugin.resetMode).toBe('instance');
    plugin.close();
  });

  it('A, B, A give bit-identical A even when B holds a loud note past its end', async () => {
    const plugin = await loadPlugin(nekobi);
    try {
      const a1 = await plugin.render(A);
      await plugin.render(hostileB);
      const a2 = await plugin.render(A);
      expect(bytesOf(a2.channels).equals(bytesOf(a1.channels))).toBe(true);
      const fresh = await loadPlugin(nekobi);
      expect(
        bytesOf((await fresh.render(A)).channels).equals(bytesOf(a1.channels)),
      ).toBe(true);
      fresh.close();
    } finally {
      plugin.close();
    }
  });
});
