import { deserialize, serialize } from 'node:v8';
import { FrameBufferPool } from './frame-buffer-pool';

/**
 * A worker's answers travel as frames on a plain pipe instead of node's 'advanced' IPC: V8's
 * serializer copies every typed array byte by byte into a growing buffer (≈ 3 ms for a 4 s stereo
 * row's float16 audio and mel on a loaded core), and the parent copies it twice more on the way
 * back. A frame is a small V8-serialized head (the message with each typed array replaced by a
 * slot number) followed by the arrays' raw bytes, written straight from their memory; the parent
 * copies each incoming chunk once into the frame and hands out views of it.
 *
 *   [u32 head bytes][u32 body bytes][head][pad to 8][array 0][pad to 8][array 1]...
 */

const SLOT = '__vstdsFrameSlot';
const ALIGN = 8;

type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

const CONSTRUCTORS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type ArrayKind = keyof typeof CONSTRUCTORS;

interface SlotInfo {
  kind: ArrayKind;
  /** Offset in the body (a multiple of 8, so every element type is aligned in the frame buffer). */
  offset: number;
  length: number;
}

const padded = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

function isTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && v.constructor.name in CONSTRUCTORS;
}

/** Replaces typed arrays (in plain objects and arrays) by slot markers, collecting them. */
function extract(v: unknown, arrays: TypedArray[]): unknown {
  if (isTypedArray(v)) {
    arrays.push(v);
    return { [SLOT]: arrays.length - 1 };
  }
  if (Array.isArray(v)) return v.map((x) => extract(x, arrays));
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = extract(x, arrays);
    return out;
  }
  return v;
}

function restore(v: unknown, views: TypedArray[]): unknown {
  if (Array.isArray(v)) return v.map((x) => restore(x, views));
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o = v as Record<string, unknown>;
    if (typeof o[SLOT] === 'number' && Object.keys(o).length === 1) return views[o[SLOT]];
    for (const k of Object.keys(o)) o[k] = restore(o[k], views);
  }
  return v;
}

/**
 * The buffers that make up one frame, in order. The array buffers are views of the message's own
 * typed arrays (no copy): keep them unmodified until the write completes.
 */
export function encodeFrame(message: unknown): Buffer[] {
  const arrays: TypedArray[] = [];
  const shape = extract(message, arrays);
  const slots: SlotInfo[] = [];
  let body = 0;
  for (const a of arrays) {
    slots.push({ kind: a.constructor.name as ArrayKind, offset: body, length: a.length });
    body = padded(body + a.byteLength);
  }
  const head = serialize({ shape, slots });
  const prefix = Buffer.alloc(8 + padded(head.length));
  prefix.writeUInt32LE(head.length, 0);
  prefix.writeUInt32LE(body, 4);
  head.copy(prefix, 8);
  const out: Buffer[] = [prefix];
  for (const a of arrays) {
    out.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    const gap = padded(a.byteLength) - a.byteLength;
    if (gap > 0) out.push(Buffer.alloc(gap));
  }
  return out;
}

/**
 * Reassembles frames from a byte stream (chunks as they arrive from the pipe) and yields each
 * message with its typed arrays as views of one buffer per frame.
 */
export class FrameReader {
  private frame?: Uint8Array<ArrayBuffer>;
  private filled = 0;
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;

  /** @param buffers where frame memory comes from: a pool shared with whoever hands frames back, or its own. */
  constructor(private readonly buffers: FrameBufferPool = new FrameBufferPool(0)) {}

  /** Feeds a chunk; returns the messages it completed (usually zero or one). */
  push(chunk: Buffer): unknown[] {
    const done: unknown[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (!this.frame) {
        // The 8-byte size prefix may itself be split across chunks.
        const need = 8 - this.pendingBytes;
        const take = Math.min(need, chunk.length - at);
        this.pending.push(chunk.subarray(at, at + take));
        this.pendingBytes += take;
        at += take;
        if (this.pendingBytes < 8) break;
        const sizes = Buffer.concat(this.pending, 8);
        this.pending.length = 0;
        this.pendingBytes = 0;
        const headBytes = sizes.readUInt32LE(0);
        const bodyBytes = sizes.readUInt32LE(4);
        // One buffer per frame: the views handed out own it until it is given back to the pool.
        this.frame = new Uint8Array(this.buffers.take(8 + padded(headBytes) + bodyBytes));
        this.frame.set(sizes, 0);
        this.filled = 8;
      }
      const take = Math.min(this.frame.length - this.filled, chunk.length - at);
      this.frame.set(chunk.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      if (this.filled === this.frame.length) {
        done.push(decode(this.frame));
        this.frame = undefined;
      }
    }
    return done;
  }
}

function decode(frame: Uint8Array<ArrayBuffer>): unknown {
  const view = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const headBytes = view.readUInt32LE(0);
  const { shape, slots } = deserialize(view.subarray(8, 8 + headBytes)) as { shape: unknown; slots: SlotInfo[] };
  const base = frame.byteOffset + 8 + padded(headBytes);
  const views = slots.map((s) => new CONSTRUCTORS[s.kind](frame.buffer, base + s.offset, s.length) as TypedArray);
  return restore(shape, views);
}
