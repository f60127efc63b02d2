// LV2 host features that Debian's instruments require: each is exercised by a real plugin that
// refuses to load or stays silent without it.
import { describe, expect, it } from 'vitest';
import { loadPlugin, MissingFeatureError, type Plugin } from '../src';
import { bytesOf, peak } from './plugins';

const setBfree = 'http://gareus.org/oss/lv2/b_synth';
const egSampler = 'http://lv2plug.in/plugins/eg-sampler';
const avlDrums = 'http://gareus.org/oss/lv2/avldrums#BlackPearl';
const synthv1 = 'http://synthv1.sourceforge.net/lv2';
const dragonflyHall = 'https://github.com/michaelwillis/dragonfly-reverb';
const WORKER = 'http://lv2plug.in/ns/ext/worker#schedule';

const note = [{ pitch: 60, velocity: 100, start: 0.05, end: 0.6 }];

async function withPlugin<T>(uri: string, f: (p: Plugin) => Promise<T>): Promise<T> {
  const plugin = await loadPlugin(uri);
  try {
    return await f(plugin);
  } finally {
    plugin.close();
  }
}

describe('LV2 worker (work:schedule, run synchronously between blocks)', () => {
  it('setBfree (requires worker and urid:map) loads and plays the organ', async () => {
    await withPlugin(setBfree, async (p) => {
      expect(p.info.isInstrument).toBe(true);
      // The organ hums a little with no key down (tonewheel leakage): the note must stand out.
      const idle = await p.render({ seconds: 1 });
      const out = await p.render({ notes: note, seconds: 1 });
      expect(peak(out.channels)).toBeGreaterThan(0.01);
      expect(peak(out.channels)).toBeGreaterThan(4 * peak(idle.channels));
    });
  }, 120_000);

  it('avldrums loads its soundfont through the worker: a drum hit sounds, twice the same bytes', async () => {
    await withPlugin(avlDrums, async (p) => {
      const hit = { notes: [{ pitch: 38, velocity: 110, start: 0.05, end: 0.3 }], seconds: 1 };
      const a = await p.render(hit);
      const b = await p.render(hit);
      expect(peak(a.channels)).toBeGreaterThan(0.01);
      expect(bytesOf(b.channels).equals(bytesOf(a.channels))).toBe(true);
    });
  }, 180_000);

  it("eg-sampler gets its sample from state:loadDefaultState (mapPath) and the worker, and plays it", async () => {
    await withPlugin(egSampler, async (p) => {
      const out = await p.render({ notes: note, seconds: 0.8 });
      expect(peak(out.channels, 0, 2000)).toBe(0);
      expect(peak(out.channels)).toBeGreaterThan(0.01);
    });
  }, 120_000);

  it('Dragonfly Hall Reverb (requires options:options and the worker) reverberates a click', async () => {
    await withPlugin(dragonflyHall, async (p) => {
      expect(p.info.isInstrument).toBe(false);
      const n = Math.round(0.05 * p.sampleRate);
      const click = Float32Array.from({ length: n }, (_, i) => (i < 32 ? 0.8 : 0));
      const channels = Array.from({ length: Math.max(1, p.info.inputChannels) }, () => click);
      const out = await p.render({ input: channels, seconds: 1.5 });
      // Energy long after the click ended is the reverb's tail.
      expect(peak(out.channels, Math.round(0.3 * p.sampleRate))).toBeGreaterThan(1e-4);
    });
  }, 120_000);

  it('synthv1 keeps the cheap state reset and renders many patches in one process without crashing', async () => {
    await withPlugin(synthv1, async (p) => {
      // Recreating synthv1 per render races its shared wave-table thread (the worker crashes of
      // issue 13); the priming note at load keeps the reset probe from asking for that.
      expect(p.resetMode).toBe('state');
      const keys = p.parameters.map((q) => q.key);
      for (let i = 0; i < 12; i++) {
        const params = Object.fromEntries(keys.slice(0, 40).map((k, j) => [k, ((i * 7 + j * 3) % 10) / 10]));
        const out = await p.render({ params, notes: note, seconds: 0.5 });
        expect(out.channels.every((c) => c.every(Number.isFinite)), `render ${i} is finite`).toBe(true);
      }
      // No byte-equality check here: synthv1 rebuilds wave tables on its own thread after a
      // shape change, so a render right after one depends on that thread's timing.
      const plain = await p.render({ notes: note, seconds: 0.8 });
      expect(peak(plain.channels)).toBeGreaterThan(0.01);
    });
  }, 240_000);
});

describe('required features', () => {
  it('a plugin whose required feature is withheld is refused by name, not crashed', async () => {
    for (const uri of [setBfree, synthv1]) {
      const error = await loadPlugin(uri, { withheldLv2Features: [WORKER] }).then(
        (p) => {
          p.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MissingFeatureError);
      expect((error as MissingFeatureError).code).toBe('E_MISSING_FEATURE');
      expect((error as Error).message).toContain(uri);
      expect((error as Error).message).toContain(WORKER);
    }
  }, 120_000);

  it('withholding an optional-only feature still loads', async () => {
    // setBfree lists midnam#update as optional; withholding log:log (not required) must not refuse.
    await withPlugin(setBfree, async () => undefined);
    const p = await loadPlugin(setBfree, { withheldLv2Features: ['http://lv2plug.in/ns/ext/log#log'] });
    p.close();
  }, 120_000);
});
