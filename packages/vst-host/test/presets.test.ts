import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlugin, PresetMismatchError } from '../src';
import { bytesOf, kars, nekobi, repoRoot } from './plugins';

const dir = mkdtempSync(join(tmpdir(), 'vstds-host-presets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const req = {
  notes: [{ pitch: 45, velocity: 100, start: 0, end: 0.4 }],
  seconds: 0.6,
};

describe('.vstpreset round trip (Nekobi)', () => {
  it('savePreset -> new instance loadPreset gives identical parameters and audio', async () => {
    // reset 'instance': Nekobi's accent follower lives outside its state (see README).
    const a = await loadPlugin(nekobi, { reset: 'instance' });
    const defaults = await a.render(req);
    a.setParameters({ cutoff: 0.8, vcf_resonance: 0.9, waveform: 1 });
    const values = a.getParameterValues();
    expect(values.cutoff).toBeCloseTo(0.8, 6);
    expect(values.vcf_resonance).toBeCloseTo(0.9, 6);
    const audio = await a.render(req);
    expect(bytesOf(audio.channels).equals(bytesOf(defaults.channels))).toBe(
      false,
    );
    const path = join(dir, 'nekobi.vstpreset');
    a.savePreset(path);
    a.close();

    const file = readFileSync(path);
    expect(file.subarray(0, 4).toString()).toBe('VST3');
    expect(file.subarray(8, 40).toString()).toBe(a.info.uid);

    const b = await loadPlugin(nekobi, { reset: 'instance' });
    expect(b.getParameterValues().cutoff).toBeCloseTo(0.25, 6);
    b.loadPreset(path);
    expect(b.getParameterValues()).toEqual(values);
    expect(b.parameters).toEqual(a.parameters);
    const again = await b.render(req);
    expect(bytesOf(again.channels).equals(bytesOf(audio.channels))).toBe(true);
    // getState/setState exchange the same bytes
    expect(Buffer.from(b.getState()).equals(file)).toBe(true);
    b.close();
  });

  it('reads a real Surge XT .vstpreset and refuses it for Nekobi, naming both classes', async () => {
    const surgePreset = join(
      repoRoot,
      '../shared/presets/surge-base.vstpreset',
    );
    const p = await loadPlugin(nekobi);
    try {
      const err = (() => {
        try {
          p.loadPreset(surgePreset);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(PresetMismatchError);
      expect((err as Error).message).toContain('surge-base.vstpreset');
      expect((err as Error).message).toContain(
        'ABCDEF019182FAEB566D624153675854',
      );
      expect((err as Error).message).toContain(p.info.uid);
    } finally {
      p.close();
    }
  });

  it('a preset of another plugin is refused', async () => {
    const a = await loadPlugin(nekobi);
    const state = a.getState();
    a.close();
    const k = await loadPlugin(kars);
    try {
      expect(() => k.setState(state)).toThrow(PresetMismatchError);
    } finally {
      k.close();
    }
  });
});
