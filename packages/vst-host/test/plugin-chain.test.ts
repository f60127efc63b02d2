import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { from, lastValueFrom, toArray } from 'rxjs';
import { type ChainRenderRequest, loadChain, type PluginChain, PluginRoleError, renderWith } from '../src';
import { bytesOf, kars, nekobi, peak, repoRoot, zamComp } from './plugins';

const mverb = `${repoRoot}/.plugins/vst3/MVerb.vst3`; // DPF's reverb, built by setup (VST3)
const fil4 = 'http://gareus.org/oss/lv2/fil4#stereo'; // x42-eq, Debian's x42-plugins (LV2)
const sr = 44100;

const A: ChainRenderRequest = { params: { cutoff: 0.4 }, notes: [{ pitch: 48, velocity: 100, start: 0.05, end: 0.3 }], seconds: 1.5, effectParams: [{ mix: 0.5 }, {}] };
// Loud, held to the end, through a big long reverb: the tail that must not reach the next render.
const B: ChainRenderRequest = { params: { cutoff: 0.9 }, notes: [{ pitch: 36, velocity: 127, start: 0, end: 10 }], seconds: 1.5, effectParams: [{ decay: 1, size: 1, mix: 1 }, { gain_db: 0.9 }] };

function tailPeak(channels: Float32Array[], fromSecond: number): number {
  return peak(channels, Math.round(fromSecond * sr));
}

describe('PluginChain: Nekobi (VST3) → MVerb (VST3 reverb) → x42-eq (LV2)', () => {
  let chain: PluginChain;
  beforeAll(async () => {
    chain = await loadChain(nekobi, [{ path: mverb }, { path: fil4 }]);
  });
  afterAll(() => chain.close());

  it('reports every plugin\'s identity, instrument first', () => {
    expect(chain.plugins.map((p) => [p.name, p.format, p.isInstrument])).toEqual([
      ['Nekobi', 'vst3', true],
      ['MVerb', 'vst3', false],
      [expect.stringMatching(/x42-eq/), 'lv2', false],
    ]);
  });

  it('renders through every effect: the reverb adds a tail after the note, the EQ gain changes the level', async () => {
    const dry = await chain.render({ ...A, effectParams: [{ mix: 0 }, {}] });
    const wet = await chain.render({ ...A, effectParams: [{ mix: 1, decay: 0.9 }, {}] });
    expect(wet.channels.length).toBe(2);
    expect(tailPeak(wet.channels, 0.8)).toBeGreaterThan(tailPeak(dry.channels, 0.8) * 4);
    const louder = await chain.render({ ...A, effectParams: [{ mix: 0 }, { gain_db: 1 }] });
    expect(peak(louder.channels)).toBeGreaterThan(peak(dry.channels) * 1.5);
    expect(wet.processSeconds).toBeGreaterThan(0);
  });

  it('A, B (long loud tail), A: bit-identical, so no tail of one row reaches the next', async () => {
    const first = await chain.render(A);
    const b = await chain.render(B);
    expect(tailPeak(b.channels, 1.4)).toBeGreaterThan(0.01); // B really ends mid-tail
    const again = await chain.render(A);
    expect(bytesOf(again.channels).equals(bytesOf(first.channels))).toBe(true);
  });

  it('is a Renderer: renderWith drives it as an operator', async () => {
    const out = await lastValueFrom(from([A, B, A]).pipe(renderWith(chain), toArray()));
    expect(out.map((r) => r.item)).toEqual([A, B, A]);
    expect(bytesOf(out[2]!.audio.channels).equals(bytesOf(out[0]!.audio.channels))).toBe(true);
  });
});

describe('loadChain refuses plugins in the wrong slot', () => {
  it('an instrument where an effect goes', async () => {
    const err = await loadChain(nekobi, [{ path: kars }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginRoleError);
    expect((err as Error).message).toMatch(/Kars\.vst3: "Kars" is an instrument .*expected an effect/);
  });
  it('an effect where the instrument goes', async () => {
    const err = await loadChain(zamComp, [{ path: mverb }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginRoleError);
    expect((err as Error).message).toMatch(/ZamComp\.vst3: "ZamComp" is an effect .*expected an instrument/);
  });
});
