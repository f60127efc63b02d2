import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AmbiguousBundleError,
  loadPlugin,
  Lv2PluginNotInstalledError,
  type Plugin,
  UnsupportedOperationError,
} from '../src';
import { bytesOf, dx10, jx10, peak } from './plugins';

const chord = [
  { pitch: 48, velocity: 100, start: 0, end: 0.6 },
  { pitch: 55, velocity: 90, start: 0.1, end: 0.6 },
];

describe('mda JX10 (LV2 instrument via lilv)', () => {
  let plugin: Plugin;
  beforeAll(async () => {
    plugin = await loadPlugin(jx10);
  });
  afterAll(() => plugin.close());

  it('reports its info and control ports as parameters', () => {
    expect(plugin.info).toMatchObject({
      name: 'MDA JX10',
      format: 'lv2',
      uid: jx10,
      isInstrument: true,
      outputChannels: 2,
    });
    const keys = plugin.parameters.map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining(['osc_mix', 'glide', 'vcf_freq']),
    );
    expect(plugin.parameters.length).toBeGreaterThan(20);
    const oscMix = plugin.parameters.find((p) => p.key === 'osc_mix')!;
    expect(oscMix.defaultValue).toBeCloseTo(1, 6);
  });

  it('renders non-silent stereo from MIDI notes, silence before the first note', async () => {
    const out = await plugin.render({
      notes: [{ pitch: 60, velocity: 100, start: 0.1, end: 0.5 }],
      seconds: 0.8,
    });
    expect(out.channels).toHaveLength(2);
    expect(out.channels[0]).toHaveLength(Math.round(0.8 * 44100));
    expect(peak(out.channels, 0, 4410)).toBe(0);
    expect(peak([out.channels[0]])).toBeGreaterThan(0.01);
    expect(peak([out.channels[1]])).toBeGreaterThan(0.01);
  });

  it('parameters change the audio', async () => {
    const a = await plugin.render({
      notes: chord,
      seconds: 0.8,
      params: { vcf_freq: 0.3 },
    });
    const b = await plugin.render({
      notes: chord,
      seconds: 0.8,
      params: { vcf_freq: 0.9 },
    });
    expect(bytesOf(b.channels).equals(bytesOf(a.channels))).toBe(false);
  });

  it("the default reset detects JX10's LFO outliving activation; A after B repeats bit for bit", async () => {
    const own = await loadPlugin(jx10);
    expect(own.resetMode).toBe('instance');
    // Its recreated objects start unlike its loaded ones, yet every 'instance' render repeats.
    expect(own.determinism).toMatchObject({ method: 'instance', bitReproducible: true, renderNoise: 0 });
    try {
      const a1 = await own.render({
        notes: chord,
        seconds: 0.8,
        params: { vcf_freq: 0.3 },
      });
      await own.render({
        notes: [{ pitch: 30, velocity: 127, start: 0, end: 5 }],
        seconds: 0.5,
        params: { vcf_freq: 0.9 },
      });
      const a2 = await own.render({
        notes: chord,
        seconds: 0.8,
        params: { vcf_freq: 0.3 },
      });
      expect(bytesOf(a2.channels).equals(bytesOf(a1.channels))).toBe(true);
    } finally {
      own.close();
    }
  });

  it('state round-trips through getState/setState; .vstpreset is refused', async () => {
    plugin.setParameters({ vcf_freq: 0.2, osc_mix: 0 });
    const state = plugin.getState();
    const other = await loadPlugin(jx10);
    try {
      expect(other.getParameterValues().osc_mix).toBeCloseTo(1, 6);
      other.setState(state);
      expect(other.getParameterValues()).toEqual(plugin.getParameterValues());
      expect(other.getParameterValues().osc_mix).toBe(0);
      expect(() => other.savePreset('/tmp/x.vstpreset')).toThrow(
        UnsupportedOperationError,
      );
    } finally {
      other.close();
    }
  });
});

describe('mda DX10 (LV2)', () => {
  it('renders a note', async () => {
    const plugin = await loadPlugin(dx10);
    try {
      expect(plugin.info.isInstrument).toBe(true);
      const out = await plugin.render({
        notes: [{ pitch: 64, velocity: 110, start: 0, end: 0.3 }],
        seconds: 0.5,
      });
      expect(peak(out.channels)).toBeGreaterThan(0.01);
    } finally {
      plugin.close();
    }
  });
});

describe('ZamComp.lv2 (LV2 effect, loaded by bundle path)', () => {
  it('loads a one-plugin bundle and processes input', async () => {
    const plugin = await loadPlugin('/usr/lib/lv2/ZamComp.lv2');
    try {
      expect(plugin.info).toMatchObject({
        format: 'lv2',
        uid: 'urn:zamaudio:ZamComp',
        isInstrument: false,
      });
      expect(plugin.info.inputChannels).toBeGreaterThanOrEqual(1);
      const input = [
        Float32Array.from(
          { length: 22050 },
          (_, i) => 0.5 * Math.sin((2 * Math.PI * 220 * i) / 44100),
        ),
      ];
      const out = await plugin.render({ input, seconds: 0.5 });
      expect(peak(out.channels, 11025)).toBeGreaterThan(0.05);
      expect(peak((await plugin.render({ seconds: 0.2 })).channels)).toBe(0);
    } finally {
      plugin.close();
    }
  });
});

describe('LV2 errors', () => {
  it('an LV2 URI that is not installed', async () => {
    const err = await loadPlugin(
      'http://example.org/plugins/not-installed',
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Lv2PluginNotInstalledError);
    expect((err as Error).message).toContain(
      'http://example.org/plugins/not-installed',
    );
  });

  it('a bundle with many plugins asks for a URI', async () => {
    const err = await loadPlugin('/usr/lib/lv2/mda.lv2').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AmbiguousBundleError);
    expect((err as Error).message).toContain(
      'http://drobilla.net/plugins/mda/',
    );
  });
});
