/**
 * Memory for incoming answer frames, reused once their reader is done with them. Each 4 s stereo
 * row's answer is a fresh ~1.1 MB buffer otherwise, and V8 answers that much external memory with a
 * full mark-compact every few rows: ~1.5 ms of the main process per row, more than writing it.
 * Only buffers this pool handed out are taken back, each once, so a stray or repeated `give`
 * cannot make two answers share memory.
 */
export class FrameBufferPool {
  private readonly free: ArrayBuffer[] = [];
  private freeBytes = 0;
  private readonly lent = new WeakSet<ArrayBufferLike>();

  /**
   * @param maxFreeBytes memory kept for reuse: enough for the rows a writer batches (16) and those
   * in flight, at 4 s stereo rows; longer rows keep fewer buffers.
   */
  constructor(private readonly maxFreeBytes = 64 << 20) {}

  /** A buffer of exactly `size` bytes, contents undefined. */
  take(size: number): ArrayBuffer {
    const at = this.free.findIndex((b) => b.byteLength === size);
    let buffer: ArrayBuffer;
    if (at >= 0) {
      buffer = this.free.splice(at, 1)[0]!;
      this.freeBytes -= size;
    } else {
      buffer = Buffer.allocUnsafeSlow(size).buffer as ArrayBuffer;
    }
    this.lent.add(buffer);
    return buffer;
  }

  /** Hands back a buffer from `take` once nothing reads it (or its views) any more. */
  give(buffer: ArrayBufferLike): void {
    if (!this.lent.delete(buffer)) return;
    if (buffer.byteLength > this.maxFreeBytes) return;
    while (this.freeBytes + buffer.byteLength > this.maxFreeBytes) this.freeBytes -= this.free.shift()!.byteLength;
    this.free.push(buffer as ArrayBuffer);
    this.freeBytes += buffer.byteLength;
  }
}
