import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  analyseRow,
  integratedLoudness,
  InvalidOptionError,
  melSpectrogram,
  NonFiniteInputError,
  toFloat16Bits,
  toFloat16BitsPlanar,
} from '../src/index';
import { toFloat16BitsPortable } from '../src/float16';
import { integratedLoudnessWith } from '../src/integrated-loudness';
import { nativeAddon } from '../src/native-backend';
import { peakLevel } from '../src/peak-level';
import { melSetup } from '../src/mel-setup';
import { frameCount } from '../src/mel-params';
import { powerToDb } from '../src/power-to-db';
import { findNonFiniteWith } from '../src/validate-audio';
import { loadCases, maxAbsDiff } from './fixtures';

const cases = loadCases();
const get = (name: string) => cases.find((c) => c.name === name)!;
const addon = nativeAddon()!;

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function portableF16(x: Float32Array): Uint16Array {
  const out = new Uint16Array(x.length);
  toFloat16BitsPortable(x, out, 0);
  return out;
}

describe('addon loudness and float16 give the TypeScript bits', () => {
  it('the addon loads here (built by tools/setup/40-native.sh)', () => {
    expect(addon).toBeDefined();
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'loudness of %s: native = TypeScript, bit for bit',
    (_name, c) => {
      const native = integratedLoudnessWith(c.channels, c.sampleRate, addon);
      const ts = integratedLoudnessWith(c.channels, c.sampleRate, undefined);
      expect(Object.is(native, ts)).toBe(true);
      expect(integratedLoudness(c.channels, c.sampleRate)).toBe(native);
    },
  );

  it('loudness: mono, 3 and 5 channels, partial last block and NaN match too', () => {
    const s = get('saw_decay_44100').channels;
    const n = get('noise_44100').channels;
    const withNan = s[1]!.slice();
    withNan[90_000] = NaN;
    const inputs: Float32Array[][] = [
      [s[0]!],
      [s[0]!, n[0]!, s[1]!],
      [s[0]!, n[0]!, s[1]!, n[1]!, s[0]!],
      [s[0]!.subarray(0, 24255), n[1]!.subarray(0, 24255)],
      [s[0]!, withNan],
    ];
    for (const ch of inputs) {
      const native = integratedLoudnessWith(ch, 44100, addon);
      const ts = integratedLoudnessWith(ch, 44100, undefined);
      expect(Number.isFinite(native)).toBe(true);
      expect(Object.is(native, ts)).toBe(true);
    }
  });

  it('float16: every float32 exponent, NaN payloads, odd lengths and offsets', () => {
    const bits = new Uint32Array(1 << 20);
    let seed = 7;
    for (let i = 0; i < bits.length; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      // Every 8-aligned block gets one sign/exponent, so whole blocks of NaN/inf/subnormals occur.
      bits[i] = ((((i >>> 3) & 0x1ff) << 23) | (seed & 0x7fffff)) >>> 0;
    }
    bits[5] = 0x7f800001; // signalling NaN in an otherwise normal block
    bits[13] = 0xffc00123;
    const x = new Float32Array(bits.buffer);
    expect(bytes(toFloat16Bits(x)).equals(bytes(portableF16(x)))).toBe(true);
    for (const [from, to] of [
      [3, 3 + 13],
      [1, 1 + 7],
      [9, 100_003],
    ] as const) {
      const view = x.subarray(from, to);
      expect(bytes(toFloat16Bits(view)).equals(bytes(portableF16(view)))).toBe(
        true,
      );
    }
  });

  it('float16 native entry point refuses an output that is too short', () => {
    expect(() =>
      addon.float16Bits(new Float32Array(10), new Uint16Array(12), 3),
    ).toThrow(/too short/);
    expect(() =>
      addon.float16Bits(
        new Float64Array(4) as unknown as Float32Array,
        new Uint16Array(4),
        0,
      ),
    ).toThrow(/x must be a typed array of the right element type/);
  });

  it('finds the same first non-finite sample as the TypeScript scan', () => {
    const n = 10_000;
    for (const [c, i, v] of [
      [0, 0, NaN],
      [1, 63, Infinity],
      [0, 64, -Infinity],
      [1, 9_999, NaN],
      [0, 5_000, NaN],
    ] as const) {
      const ch = [
        new Float32Array(n).fill(0.5),
        new Float32Array(n).fill(-0.5),
      ];
      ch[c]![i] = v;
      if (c === 1) ch[1]![i + (i < n - 1 ? 1 : 0)] = NaN; // a second one after it must not win
      expect(findNonFiniteWith(ch, addon)).toEqual([c, i]);
      expect(findNonFiniteWith(ch, undefined)).toEqual([c, i]);
    }
    const ok = [new Float32Array(n).fill(3.4e38), new Float32Array(n - 1)];
    expect(findNonFiniteWith(ok, addon)).toBeUndefined();
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'dbFromPower (logs skipped below the floor) gives the bytes of logging every value, %s',
    (_name, c) => {
      const setup = melSetup(c.sampleRate);
      const fb = setup.filterbank;
      const n = c.channels[0]!.length;
      const frames = frameCount(n, setup.nFft, setup.hop);
      const plane = 128 * frames;
      const power = new Float64Array(c.channels.length * plane);
      const logs = new Float64Array(power.length);
      c.channels.forEach((ch, i) => {
        const args = [
          ch,
          setup.nFft,
          setup.hop,
          frames,
          setup.window,
          fb.start,
          fb.length,
          fb.offset,
          fb.weights,
        ] as const;
        addon.melPower(...args, power, i * plane, false);
        addon.melPower(...args, logs, i * plane, true);
      });
      for (const groups of [1, c.channels.length]) {
        const a = new Float32Array(power.length);
        const b = new Float32Array(power.length);
        addon.dbFromPower(power.slice(), groups, a);
        powerToDb(logs.slice(), groups, b, true);
        expect(bytes(a).equals(bytes(b))).toBe(true);
      }
    },
  );

  it('kWeightedPieceSums refuses cuts outside the signal', () => {
    const sums = new Float64Array(2);
    expect(() =>
      addon.kWeightedPieceSums(
        new Float32Array(100),
        null,
        new Float64Array(10),
        Int32Array.of(0, 50, 101),
        sums,
        null,
      ),
    ).toThrow(/cuts must rise within the signal/);
  });
});

describe('analyseRow', () => {
  const opts = { minLoudness: -60 };

  it.each(['saw_decay_44100', 'noise_48000', 'left_only_44100'])(
    '%s: same loudness, mel bytes and float16 bytes as the separate functions',
    (name) => {
      const c = get(name);
      const r = analyseRow(c.channels, c.sampleRate, opts);
      if (!r.accepted) throw new Error(r.rejection.detail);
      expect(r.loudness).toBe(
        integratedLoudnessWith(c.channels, c.sampleRate, undefined),
      );
      const mel = melSpectrogram(c.channels, c.sampleRate);
      expect([r.mel.channels, r.mel.mels, r.mel.frames]).toEqual([
        mel.channels,
        mel.mels,
        mel.frames,
      ]);
      expect(bytes(r.mel.data).equals(bytes(mel.data))).toBe(true);
      expect(maxAbsDiff(r.mel.data, c.mel)).toBeLessThanOrEqual(1e-4);
      const n = c.channels[0]!.length;
      expect(r.audio.length).toBe(c.channels.length * n);
      c.channels.forEach((ch, i) =>
        expect(
          bytes(r.audio.subarray(i * n, (i + 1) * n)).equals(
            bytes(portableF16(ch)),
          ),
        ).toBe(true),
      );
      expect(
        bytes(toFloat16BitsPlanar(c.channels)).equals(bytes(r.audio)),
      ).toBe(true);
    },
  );

  it('rejects quiet and non-finite rows with the gate reasons, before any mel work', () => {
    const quiet = analyseRow(
      get('near_silence_noise_44100').channels,
      44100,
      opts,
    );
    expect(quiet).toMatchObject({
      accepted: false,
      rejection: { reason: 'quiet' },
    });
    const nan = get('sine_44100').channels.map((ch) => ch.slice());
    nan[1]![1234] = Infinity;
    const bad = analyseRow(nan, 44100, opts);
    expect(bad).toMatchObject({
      accepted: false,
      rejection: {
        reason: 'non-finite',
        detail: 'channels[1][1234] is Infinity',
      },
    });
  });

  it('with rejectNonFinite off, mel still refuses NaN like librosa', () => {
    const nan = get('sine_44100').channels.map((ch) => ch.slice());
    // Late enough that the blocks before it still give a finite loudness, so the row passes the gate.
    nan[0]![170_000] = NaN;
    expect(() =>
      analyseRow(nan, 44100, { minLoudness: -200, rejectNonFinite: false }),
    ).toThrow(NonFiniteInputError);
  });

  it('fills caller-supplied buffers with the same bytes, and refuses buffers of the wrong size', () => {
    const c = get('noise_44100');
    const fresh = analyseRow(c.channels, c.sampleRate, opts);
    const n = c.channels[0]!.length;
    const into = {
      mel: new Float32Array(2 * 128 * 401).fill(7),
      audio: new Uint16Array(2 * n).fill(7),
    };
    for (let round = 0; round < 2; round++) {
      const r = analyseRow(c.channels, c.sampleRate, opts, into);
      if (!r.accepted || !fresh.accepted) throw new Error('rejected');
      expect(r.mel.data).toBe(into.mel);
      expect(r.audio).toBe(into.audio);
      expect(bytes(r.mel.data).equals(bytes(fresh.mel.data))).toBe(true);
      expect(bytes(r.audio).equals(bytes(fresh.audio))).toBe(true);
    }
    expect(() =>
      analyseRow(c.channels, c.sampleRate, opts, { mel: new Float32Array(10) }),
    ).toThrow(InvalidOptionError);
    expect(() =>
      analyseRow(c.channels, c.sampleRate, opts, { audio: new Uint16Array(n) }),
    ).toThrow(/must hold 2 × 176400 = 352800 values, found 176400/);
  });

  it('honours dbReference like melSpectrogram', () => {
    const c = get('loud_then_quiet_44100');
    const r = analyseRow(c.channels, c.sampleRate, {
      minLoudness: -100,
      dbReference: 'per-channel',
    });
    if (!r.accepted) throw new Error(r.rejection.detail);
    const mel = melSpectrogram(c.channels, c.sampleRate, {
      dbReference: 'per-channel',
    });
    expect(bytes(r.mel.data).equals(bytes(mel.data))).toBe(true);
  });
});

describe('without the addon (VSTDS_DSP_MEL_NATIVE=0)', () => {
  afterEach(() => {
    delete process.env.VSTDS_DSP_MEL_NATIVE;
    vi.resetModules();
  });

  it('analyseRow runs the portable path: loudness and float16 bits unchanged, mel within 1e-4 dB', async () => {
    const c = get('saw_decay_44100');
    const fast = analyseRow(c.channels, c.sampleRate, opts());
    vi.resetModules();
    process.env.VSTDS_DSP_MEL_NATIVE = '0';
    const m = await import('../src/index');
    const r = m.analyseRow(c.channels, c.sampleRate, opts());
    if (!r.accepted || !fast.accepted) throw new Error('rejected');
    expect(r.backend).toBe('portable');
    expect(Object.is(r.loudness, fast.loudness)).toBe(true);
    expect(bytes(r.audio).equals(bytes(fast.audio))).toBe(true);
    expect(maxAbsDiff(r.mel.data, c.mel)).toBeLessThanOrEqual(1e-4);
  });

  it('peakLevel gives the same number with and without the addon', async () => {
    const c = get('saw_decay_44100');
    const channels = c.channels.map((ch) => ch.map((x, i) => (i % 3 === 0 ? -x : x)));
    const native = peakLevel(channels);
    vi.resetModules();
    process.env.VSTDS_DSP_MEL_NATIVE = '0';
    const m = await import('../src/index');
    expect(m.peakLevel(channels)).toBe(native);
    expect(native).toBeGreaterThan(0);
  });

  function opts() {
    return { minLoudness: -60 };
  }
});
