import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  loadPlugin,
  NotesOnEffectError,
  type Plugin,
} from '../src';
import { peak, zamComp, zamDelay } from './plugins';

const sr = 44100;
function sine(seconds: number, amplitude: number, hz = 440): Float32Array {
  return Float32Array.from(
    { length: Math.round(seconds * sr) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / sr),
  );
}

describe('ZamComp (VST3 effect)', () => {
  let comp: Plugin;
  beforeAll(async () => {
    comp = await loadPlugin(zamComp);
  });
  afterAll(() => comp.close());

  it('is an effect with an input', () => {
    expect(comp.info).toMatchObject({ name: 'ZamComp', isInstrument: false });
    expect(comp.info.inputChannels).toBeGreaterThanOrEqual(1);
    expect(comp.parameters.map((p) => p.key)).toEqual(
      expect.arrayContaining(['attack_ms', 'threshold_db', 'ratio']),
    );
  });

  it('processes input, and compresses more with a low threshold', async () => {
    const input = [sine(1, 0.5)];
    const open = await comp.render({ input, seconds: 1 });
    expect(peak(open.channels, sr / 2)).toBeGreaterThan(0.1);
    const squashed = await comp.render({
      input,
      seconds: 1,
      params: { threshold_db: 0.1, ratio: 1 },
    });
    expect(peak(squashed.channels, sr / 2)).toBeLessThan(
      peak(open.channels, sr / 2) * 0.7,
    );
    expect(peak(squashed.channels, sr / 2)).toBeGreaterThan(0);
  });

  it('renders silence from silence, and pads short input', async () => {
    expect(peak((await comp.render({ seconds: 0.2 })).channels)).toBe(0);
    const out = await comp.render({ input: [sine(0.1, 0.5)], seconds: 0.3 });
    expect(out.channels[0]).toHaveLength(Math.round(0.3 * sr));
  });

  it('rejects notes on an effect', async () => {
    await expect(
      comp.render({
        notes: [{ pitch: 60, velocity: 100, start: 0, end: 1 }],
        seconds: 1,
      }),
    ).rejects.toBeInstanceOf(NotesOnEffectError);
  });
});

describe('ZamDelay (VST3 effect)', () => {
  it('repeats an impulse later in time', async () => {
    const delay = await loadPlugin(zamDelay);
    try {
      const impulse = new Float32Array(sr);
      impulse[0] = 1;
      const out = await delay.render({
        input: [impulse],
        seconds: 1,
        params: { dry_wet: 1, feedback: 0 },
      });
      const ch = out.channels[0];
      const echo = ch.findIndex((v, i) => i > 32 && Math.abs(v) > 0.05);
      expect(echo).toBeGreaterThan(32);
      expect(peak(out.channels, 0, 16)).toBeLessThan(0.05); // fully wet: no dry impulse
    } finally {
      delay.close();
    }
  });
});

describe('input validation on instruments', () => {
  it('rejects input for a plugin without inputs', async () => {
    const { nekobi } = await import('./plugins');
    const synth = await loadPlugin(nekobi);
    try {
      await expect(
        synth.render({ input: [new Float32Array(10)], seconds: 0.1 }),
      ).rejects.toBeInstanceOf(InvalidInputError);
    } finally {
      synth.close();
    }
  });
});
