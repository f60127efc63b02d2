import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlugin, type Plugin } from '../src';
import { bytesOf, firstNonZero, juceSynth, peak } from './plugins';

// Our JUCE-wrapped instrument: Surge XT's stand-in (2084 parameters exposed, 2080 of them MIDI-CC
// stand-ins and one bypass, MIDI gated on the event bus, stereo output).
const dir = mkdtempSync(join(tmpdir(), 'vstds-host-juce-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chord = [
  { pitch: 57, velocity: 100, start: 0.05, end: 0.4 },
  { pitch: 64, velocity: 80, start: 0.1, end: 0.45 },
];
const A = {
  params: { cutoff_hz: 0.3, waveform: 0.5 },
  notes: chord,
  seconds: 0.6,
};
const B = {
  params: { cutoff_hz: 0.9, waveform: 1, gain_db: 0.5 },
  notes: [{ pitch: 40, velocity: 127, start: 0, end: 5 }],
  seconds: 0.5,
};

describe('VstdsJuceSynth (JUCE VST3)', () => {
  let plugin: Plugin;
  beforeAll(async () => {
    plugin = await loadPlugin(juceSynth);
  });
  afterAll(() => plugin.close());

  it('is detected as fully reset without a state restore: reset mode "params"', () => {
    expect(plugin.resetMode).toBe('params');
  });

  it('lists only its 3 parameters (no bypass, no MIDI-CC stand-ins)', () => {
    expect(plugin.parameters.map((p) => p.key)).toEqual([
      'cutoff_hz',
      'waveform',
      'gain_db',
    ]);
    expect(plugin.info).toMatchObject({
      isInstrument: true,
      outputChannels: 2,
    });
  });

  it('reports the Waveform choice with its value strings and stepCount 2', () => {
    const waveform = plugin.parameters.find((p) => p.key === 'waveform')!;
    expect(waveform.stepCount).toBe(2);
    expect(waveform.valueStrings).toEqual(['Sine', 'Saw', 'Square']);
  });

  it('plays notes (event bus activated) at sample-accurate offsets', async () => {
    const out = await plugin.render(A);
    expect(firstNonZero(out.channels[0])).toBe(Math.round(0.05 * 44100));
    expect(peak(out.channels)).toBeGreaterThan(0.01);
  });

  it('renders bit-identically across resets (A, B, A) and matches a fresh instance', async () => {
    const a1 = await plugin.render(A);
    const b = await plugin.render(B);
    const a2 = await plugin.render(A);
    expect(bytesOf(b.channels).equals(bytesOf(a1.channels))).toBe(false);
    expect(bytesOf(a2.channels).equals(bytesOf(a1.channels))).toBe(true);
    const fresh = await loadPlugin(juceSynth);
    try {
      expect(
        bytesOf((await fresh.render(A)).channels).equals(bytesOf(a1.channels)),
      ).toBe(true);
    } finally {
      fresh.close();
    }
  });

  it('round-trips a .vstpreset into a new instance: same parameters and audio', async () => {
    const source = await loadPlugin(juceSynth);
    const req = { notes: chord, seconds: 0.6 };
    try {
      const before = await source.render(req);
      source.setParameters({ cutoff_hz: 0.2, waveform: 1, gain_db: 0.6 });
      const values = source.getParameterValues();
      expect(values.waveform).toBe(1);
      const audio = await source.render(req);
      expect(bytesOf(audio.channels).equals(bytesOf(before.channels))).toBe(
        false,
      );
      const path = join(dir, 'juce.vstpreset');
      source.savePreset(path);

      const target = await loadPlugin(juceSynth);
      try {
        target.loadPreset(path);
        expect(target.getParameterValues()).toEqual(values);
        expect(
          bytesOf((await target.render(req)).channels).equals(
            bytesOf(audio.channels),
          ),
        ).toBe(true);
      } finally {
        target.close();
      }
    } finally {
      source.close();
    }
  });
});
