/**
 * Restores global-id order: rows arrive in completion order, `push` returns the run of rows that
 * can now be written (consecutive ids from the next expected one).
 */
export class ReorderBuffer<T> {
  private readonly pending = new Map<number, T>();
  constructor(private next: number) {}

  /** The id the writer waits for. */
  get expected(): number {
    return this.next;
  }

  get size(): number {
    return this.pending.size;
  }

  push(id: number, row: T): T[] {
    if (id < this.next || this.pending.has(id)) throw new RangeError(`row ${id} was already delivered`);
    this.pending.set(id, row);
    const ready: T[] = [];
    while (this.pending.has(this.next)) {
      ready.push(this.pending.get(this.next)!);
      this.pending.delete(this.next);
      this.next++;
    }
    return ready;
  }

  /** Jumps over ids that need no row (already written chunks on resume). */
  skipTo(id: number): void {
    if (this.pending.size > 0) throw new Error('cannot skip while rows are pending');
    this.next = id;
  }
}
