import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, toFloat16Bits } from '../src/index';

/** Every float32 exponent with a spread of significands: ties, near-ties, subnormal and overflow edges. */
function probeBits(): Uint32Array {
  const sigs = new Set<number>([
    0, 1, 2, 0x1000, 0x1001, 0x0fff, 0x2000, 0x3000, 0x3001, 0x5000, 0x7fffff,
    0x7fe000, 0x7ff000, 0x7ff001, 0x7fefff, 0x400000, 0x401000, 0x400fff,
  ]);
  for (let b = 0; b < 23; b++) {
    sigs.add(1 << b);
    sigs.add((1 << b) | 1);
    sigs.add(((1 << b) - 1) & 0x7fffff);
  }
  let seed = 12345;
  for (let i = 0; i < 400; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    sigs.add(seed & 0x7fffff);
  }
  const out: number[] = [];
  for (let e = 0; e < 256; e++)
    for (const s of sigs)
      for (const sign of [0, 0x80000000])
        out.push((sign | (e << 23) | s) >>> 0);
  return Uint32Array.from(out);
}

const PY = '/usr/bin/python3';

describe('float16 conversion vs numpy astype(float16)', () => {
  it('matches numpy bit-for-bit on every exponent (subnormals, ties, overflow, ±0, ±inf, NaN)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsp-mel-f16-'));
    try {
      const bits = probeBits();
      writeFileSync(join(dir, 'in.f32'), new Uint8Array(bits.buffer));
      execFileSync(PY, [
        '-c',
        `import numpy as np,sys
x=np.fromfile(sys.argv[1],dtype='<f4')
import warnings; warnings.simplefilter('ignore')
x.astype(np.float16).tofile(sys.argv[2])
x.astype(np.float16).astype(np.float32).tofile(sys.argv[3])`,
        join(dir, 'in.f32'),
        join(dir, 'out.f16'),
        join(dir, 'back.f32'),
      ]);
      const buf = readFileSync(join(dir, 'out.f16'));
      const expected = new Uint16Array(
        buf.buffer,
        buf.byteOffset,
        buf.byteLength / 2,
      );
      const got = toFloat16Bits(new Float32Array(bits.buffer));
      const isNan = (h: number) => (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
      let mismatches = 0;
      let nanPayloadDiffs = 0;
      for (let i = 0; i < bits.length; i++) {
        if (got[i] === expected[i]) continue;
        // numpy may convert NaN in hardware (F16C quiets signalling NaNs); sign and NaN-ness must still agree.
        if (
          isNan(got[i]!) &&
          isNan(expected[i]!) &&
          (got[i]! & 0x8000) === (expected[i]! & 0x8000)
        )
          nanPayloadDiffs++;
        else if (mismatches++ < 5)
          console.log(
            `0x${bits[i]!.toString(16)}: got 0x${got[i]!.toString(16)} numpy 0x${expected[i]!.toString(16)}`,
          );
      }
      console.log(
        `[float16] ${bits.length} values, ${mismatches} mismatches, ${nanPayloadDiffs} NaN payload differences`,
      );
      expect(bits.length).toBeGreaterThan(100_000);
      expect(mismatches).toBe(0);

      const back = readFileSync(join(dir, 'back.f32'));
      const expectedBack = new Uint32Array(
        back.buffer,
        back.byteOffset,
        back.byteLength / 4,
      );
      const gotBack = new Uint32Array(fromFloat16Bits(expected).buffer);
      let backMismatches = 0;
      for (let i = 0; i < gotBack.length; i++)
        if (
          gotBack[i] !== expectedBack[i] &&
          !Number.isNaN(new Float32Array(gotBack.buffer)[i])
        )
          backMismatches++;
      expect(backMismatches).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('handles the documented special values', () => {
    const x = Float32Array.of(
      0,
      -0,
      65504,
      65520,
      65519.996,
      1e10,
      -Infinity,
      NaN,
      2 ** -24,
      2 ** -25,
      1.5 * 2 ** -25,
      2 ** -14,
      1 + 2 ** -11,
      1 + 3 * 2 ** -11,
    );
    expect(Array.from(toFloat16Bits(x))).toEqual([
      0x0000, 0x8000, 0x7bff, 0x7c00, 0x7bff, 0x7c00, 0xfc00, 0x7e00, 0x0001,
      0x0000, 0x0001, 0x0400, 0x3c00, 0x3c02,
    ]);
  });

  it('round-trips every one of the 65536 half values (NaN stays NaN)', () => {
    const all = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const back = toFloat16Bits(fromFloat16Bits(all));
    for (let i = 0; i < 65536; i++) {
      const isNan = (i & 0x7c00) === 0x7c00 && (i & 0x3ff) !== 0;
      if (!isNan) expect(back[i]).toBe(i);
      else
        expect((back[i]! & 0x7c00) === 0x7c00 && (back[i]! & 0x3ff) !== 0).toBe(
          true,
        );
    }
  });

  it('works on a Float32Array view with a byte offset', () => {
    const base = new Float32Array([9, 1, 2, 3]);
    expect(Array.from(toFloat16Bits(base.subarray(1)))).toEqual([
      0x3c00, 0x4000, 0x4200,
    ]);
  });
});
