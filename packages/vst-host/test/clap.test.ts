import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlugin, MissingModuleError, ModuleLoadError, type Plugin, PresetFormatError, PresetMismatchError, type RenderRequest } from '../src';
import { bytesOf, kars, nekobi, peak, repoRoot } from './plugins';

const nekobiClap = join(repoRoot, '.plugins/clap/Nekobi.clap');
const karsClap = join(repoRoot, '.plugins/clap/Kars.clap');
const tmp = mkdtempSync(join(tmpdir(), 'vstds-clap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const note = { pitch: 48, velocity: 100, start: 0.1, end: 0.6 };
const A: RenderRequest = { params: { cutoff: 0.3, vcf_resonance: 0.6, waveform: 1 }, notes: [note], seconds: 1 };
const B: RenderRequest = { params: { cutoff: 0.9, env_mod: 0.1, decay: 0.2 }, notes: [{ ...note, pitch: 36, velocity: 127, end: 5 }], seconds: 0.8 };

function rms(channels: Float32Array[]): number {
  let sum = 0;
  let n = 0;
  for (const ch of channels) for (const v of ch) (sum += v * v), n++;
  return Math.sqrt(sum / n);
}

describe('CLAP instruments (Nekobi and Kars built as CLAP from Debian dpf-plugins)', () => {
  let vst3: Plugin;
  let clap: Plugin;
  beforeAll(async () => {
    vst3 = await loadPlugin(nekobi);
    clap = await loadPlugin(nekobiClap);
  });
  afterAll(() => {
    vst3.close();
    clap.close();
  });

  it('reports CLAP info: the descriptor id, name, vendor, instrument, output channels of the VST3 build', () => {
    expect(clap.info).toMatchObject({ name: 'Nekobi', format: 'clap', uid: expect.stringMatching(/nekobi/i), isInstrument: true, inputChannels: 0 });
    expect(clap.info.vendor).toBe(vst3.info.vendor);
    expect(clap.info.outputChannels).toBe(vst3.info.outputChannels);
  });

  it('lists the same parameters as the VST3 build: keys, defaults, steps and value strings', () => {
    const shape = (p: Plugin) => p.parameters.map(({ key, title, defaultValue, stepCount, valueStrings }) => ({ key, title, defaultValue, stepCount, valueStrings }));
    const want = shape(vst3);
    expect(want.length).toBe(8);
    const got = shape(clap);
    expect(got.map((p) => p.key)).toEqual(want.map((p) => p.key));
    got.forEach((p, i) => {
      expect(p.stepCount).toBe(want[i]!.stepCount);
      expect(p.valueStrings).toEqual(want[i]!.valueStrings);
      expect(p.defaultValue).toBeCloseTo(want[i]!.defaultValue, 6);
    });
  });

  it('renders the same samples as the VST3 build for the same parameters and notes', async () => {
    const [a, b] = [await vst3.render(A), await clap.render(A)];
    expect(peak(b.channels)).toBeGreaterThan(0.01);
    expect(b.channels.length).toBe(a.channels.length);
    expect(bytesOf(b.channels).equals(bytesOf(a.channels))).toBe(true);
    expect(b.processSeconds).toBeGreaterThan(0);
    expect(b.nativeSeconds).toBeGreaterThanOrEqual(b.processSeconds);
  });

  it('resets between renders: A, B (loud, held past the end), A are bit-identical', async () => {
    const first = await clap.render(A);
    await clap.render(B);
    const again = await clap.render(A);
    expect(bytesOf(again.channels).equals(bytesOf(first.channels))).toBe(true);
    expect(await clap.measureRenderNoise(A)).toBe(0);
  });

  it('saves and restores state through preset files; a preset for another plugin is refused', async () => {
    const p = await loadPlugin(nekobiClap);
    try {
      p.setParameters({ cutoff: 0.8, decay: 0.1, waveform: 1 });
      const preset = join(tmp, 'nekobi.clapstate');
      p.savePreset(preset);
      const fresh = await loadPlugin(nekobiClap);
      try {
        expect(fresh.getParameterValues().cutoff).toBeCloseTo(0.25, 6);
        fresh.loadPreset(preset);
        const values = fresh.getParameterValues();
        expect(values.cutoff).toBeCloseTo(0.8, 6);
        expect(values.decay).toBeCloseTo(0.1, 6);
        expect(values.waveform).toBe(1);
        const req = { notes: [note], seconds: 0.7 };
        expect(bytesOf((await fresh.render(req)).channels).equals(bytesOf((await p.render(req)).channels))).toBe(true);
      } finally {
        fresh.close();
      }
      const karsPlugin = await loadPlugin(karsClap);
      try {
        const karsPreset = join(tmp, 'kars.clapstate');
        karsPlugin.savePreset(karsPreset);
        expect(() => p.loadPreset(karsPreset)).toThrow(PresetMismatchError);
        expect(() => p.loadPreset(karsPreset)).toThrow(/Kars/);
      } finally {
        karsPlugin.close();
      }
      const junk = join(tmp, 'junk.clapstate');
      writeFileSync(junk, 'not a state');
      expect(() => p.loadPreset(junk)).toThrow(PresetFormatError);
    } finally {
      p.close();
    }
  });

  it('Kars (random excitation, like its VST3 build) matches the VST3 build in level, not in samples', async () => {
    const [v, c] = [await loadPlugin(kars), await loadPlugin(karsClap)];
    try {
      expect(c.parameters.map((p) => p.title)).toEqual(v.parameters.map((p) => p.title));
      const req = { notes: [{ pitch: 60, velocity: 100, start: 0, end: 0.5 }], seconds: 1 };
      // Each render plucks a fresh noise burst (±25 % RMS from render to render in either build),
      // so the builds are compared by their mean level over 32 renders each: within 20 %
      // (about 3.5 standard deviations of the difference of the two means).
      const meanRms = async (p: Plugin) => {
        let sum = 0;
        for (let i = 0; i < 32; i++) sum += rms((await p.render(req)).channels);
        return sum / 32;
      };
      const [a, b] = [await meanRms(v), await meanRms(c)];
      expect(b).toBeGreaterThan(0.01);
      expect(Math.abs(b / a - 1)).toBeLessThan(0.2);
    } finally {
      v.close();
      c.close();
    }
  });
});

describe('bad CLAP files', () => {
  it('a file that is not a CLAP plugin is refused by name', async () => {
    const fake = join(tmp, 'Fake.clap');
    writeFileSync(fake, 'text, not a shared library');
    await expect(loadPlugin(fake)).rejects.toThrow(ModuleLoadError);
    await expect(loadPlugin(fake)).rejects.toThrow(/Fake\.clap/);
    // A real shared library without clap_entry (a VST3 module renamed).
    const vst3so = join(nekobi, 'Contents/x86_64-linux', readdirSync(join(nekobi, 'Contents/x86_64-linux'))[0]!);
    const renamed = join(tmp, 'Renamed.clap');
    copyFileSync(vst3so, renamed);
    await expect(loadPlugin(renamed)).rejects.toThrow(MissingModuleError);
    await expect(loadPlugin(renamed)).rejects.toThrow(/no clap_entry/);
  });

  it('a .clap file with no plugin in its factory is refused with a named error', async () => {
    const headers = readdirSync(join(repoRoot, '.plugins/cache')).find((d) => d.startsWith('dpf-plugins-'))!;
    const out = join(tmp, 'Empty.clap');
    execFileSync('cc', ['-shared', '-fPIC', '-o', out, join(repoRoot, 'tools/fixtures/clap-empty/clap-empty.c'), '-I', join(repoRoot, '.plugins/cache', headers, 'dpf/distrho/src')]);
    await expect(loadPlugin(out)).rejects.toThrow(MissingModuleError);
    await expect(loadPlugin(out)).rejects.toThrow(/contains no plugin/);
  });
});
