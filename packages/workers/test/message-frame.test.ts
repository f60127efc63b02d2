import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader } from '../src/message-frame';

const message = () => ({
  type: 'result',
  id: 7,
  result: {
    kind: 'accepted',
    audio: Uint16Array.from({ length: 1001 }, (_, i) => (i * 37) & 0xffff),
    mel: Float32Array.from({ length: 333 }, (_, i) => -80 + i / 7),
    extra: [new Float64Array([Math.PI, -0]), new Int8Array([-1, 2, 3])],
    loudness: -Infinity,
    missing: undefined,
    nan: NaN,
    ms: { render: 1.5 },
  },
});

describe('message frames', () => {
  it('bring typed arrays and plain values back intact, whatever the chunk boundaries', () => {
    const bytes = Buffer.concat(encodeFrame(message()));
    for (const size of [1, 3, 7, 8, 9, 64, 4096, bytes.length]) {
      const reader = new FrameReader();
      const got: unknown[] = [];
      // Two frames back to back, cut into chunks of `size` bytes.
      const stream = Buffer.concat([bytes, bytes]);
      for (let at = 0; at < stream.length; at += size) got.push(...reader.push(stream.subarray(at, at + size)));
      expect(got).toHaveLength(2);
      for (const m of got) expect(m).toEqual(message());
      const r = (got[1] as ReturnType<typeof message>).result;
      expect(r.audio).toBeInstanceOf(Uint16Array);
      expect(r.mel).toBeInstanceOf(Float32Array);
      expect(Object.is(r.extra[0]![1], -0)).toBe(true);
      expect(r.mel.byteOffset % 8).toBe(0);
    }
  });

  it('gives each frame its own buffer, so a later frame never overwrites an earlier one', () => {
    const reader = new FrameReader();
    const a = reader.push(Buffer.concat(encodeFrame({ x: new Float32Array([1, 2]) })))[0] as { x: Float32Array };
    const b = reader.push(Buffer.concat(encodeFrame({ x: new Float32Array([3, 4]) })))[0] as { x: Float32Array };
    expect([...a.x]).toEqual([1, 2]);
    expect([...b.x]).toEqual([3, 4]);
    expect(a.x.buffer).not.toBe(b.x.buffer);
  });

  it('sends the typed arrays without copying them into the frame', () => {
    const audio = new Uint16Array([1, 2, 3]);
    const parts = encodeFrame({ audio });
    expect(parts.some((p) => p.buffer === audio.buffer)).toBe(true);
  });
});
