import { describe, expect, it } from 'vitest';
import { FrameBufferPool } from '../src/frame-buffer-pool';
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

describe('FrameBufferPool', () => {
  const frame = (fill: number) => Buffer.concat(encodeFrame({ audio: new Uint16Array(500).fill(fill), mel: new Float32Array(100).fill(fill / 2) }));
  type Row = { audio: Uint16Array; mel: Float32Array };

  it('a frame given back is the memory of the next frame of its size, with the new frame\'s values', () => {
    const buffers = new FrameBufferPool();
    const reader = new FrameReader(buffers);
    const a = reader.push(frame(1))[0] as Row;
    buffers.give(a.audio.buffer);
    const b = reader.push(frame(2))[0] as Row;
    expect(b.audio.buffer).toBe(a.audio.buffer);
    expect(b.mel.buffer).toBe(b.audio.buffer); // one frame, one buffer
    expect([b.audio[499], b.mel[99]]).toEqual([2, 1]);
    // Not given back: the next frame gets memory of its own.
    const c = reader.push(frame(3))[0] as Row;
    expect(c.audio.buffer).not.toBe(b.audio.buffer);
    expect([b.audio[0], c.audio[0]]).toEqual([2, 3]);
  });

  it('ignores buffers it did not lend and a second give of one, so two frames never share memory', () => {
    const buffers = new FrameBufferPool();
    const reader = new FrameReader(buffers);
    const a = reader.push(frame(1))[0] as Row;
    const size = a.audio.buffer.byteLength;
    const foreign = new ArrayBuffer(size);
    buffers.give(foreign);
    expect(buffers.take(size)).not.toBe(foreign);
    buffers.give(a.audio.buffer);
    buffers.give(a.audio.buffer);
    const first = reader.push(frame(2))[0] as Row;
    const second = reader.push(frame(3))[0] as Row;
    expect(first.audio.buffer).toBe(a.audio.buffer);
    expect(second.audio.buffer).not.toBe(a.audio.buffer);
  });

  it('keeps at most maxFreeBytes for reuse, dropping the oldest', () => {
    const buffers = new FrameBufferPool(2500);
    const lent = [buffers.take(1000), buffers.take(1000), buffers.take(1000)];
    lent.forEach((b) => buffers.give(b));
    const reused = [buffers.take(1000), buffers.take(1000)];
    expect(reused.map((b) => lent.indexOf(b)).sort()).toEqual([1, 2]);
    expect(lent).not.toContain(buffers.take(1000));
  });
});
