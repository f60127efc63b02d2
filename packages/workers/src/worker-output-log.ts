import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';

export interface WorkerOutputLogOptions {
  /** The log file; appended to (a resumed run adds to the same file), its directory created. */
  path: string;
  /**
   * Bytes this log may add to the file. Lines past it are counted, not kept, so a plugin printing
   * gigabytes cannot fill the disk. Default 10 MiB.
   */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * What worker processes print (plugins write Qt warnings, debug output, glibc heap reports) kept
 * in one bounded file instead of on the terminal, with a header line per worker start so a crash
 * can be matched with what its process printed last.
 */
export class WorkerOutputLog {
  /** Lines the workers printed (kept or dropped), headers not included. */
  lines = 0;
  /** Lines past the byte cap: counted, not written. */
  droppedLines = 0;
  readonly path: string;
  private readonly fd: number;
  private readonly maxBytes: number;
  private written = 0;
  private capNoted = false;
  private closed = false;

  constructor(opts: WorkerOutputLogOptions) {
    this.path = opts.path;
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    mkdirSync(dirname(opts.path), { recursive: true });
    // A resumed run appends: what is already there does not count against this run's cap.
    this.fd = openSync(opts.path, 'a');
  }

  /** Collects a worker's stdout and stderr, line by line, after a header naming the process. */
  attach(pid: number | undefined, label: string, streams: (Readable | null | undefined)[]): void {
    this.raw(`--- worker pid ${pid ?? '?'} started ${new Date().toISOString()}: ${label} ---\n`);
    for (const s of streams) {
      if (!s) continue;
      let pending = '';
      s.setEncoding('utf8');
      // One write per chunk the pipe delivers, however many lines it holds: a chatty plugin costs
      // the main thread a syscall per read, not per line.
      s.on('data', (text: string) => {
        const parts = (pending + text).split('\n');
        pending = parts.pop()!;
        this.record(pid, parts);
      });
      s.on('end', () => {
        if (pending !== '') this.record(pid, [pending]);
        pending = '';
      });
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.droppedLines > 0) this.raw(`--- ${this.droppedLines} more lines dropped (log capped at ${this.maxBytes} bytes) ---\n`, true);
    closeSync(this.fd);
  }

  private record(pid: number | undefined, texts: string[]): void {
    let batch = '';
    let bytes = 0;
    for (const text of texts) {
      this.lines++;
      const entry = `[${pid ?? '?'}] ${text}\n`;
      const size = Buffer.byteLength(entry);
      if (this.closed || this.written + bytes + size > this.maxBytes) {
        this.droppedLines++;
        continue;
      }
      batch += entry;
      bytes += size;
    }
    if (batch !== '') this.raw(batch);
    if (this.droppedLines > 0 && !this.capNoted && !this.closed) {
      this.capNoted = true;
      this.raw(`--- log capped at ${this.maxBytes} bytes: further lines are counted, not kept ---\n`, true);
    }
  }

  private raw(text: string, force = false): void {
    if (this.closed && !force) return;
    const b = Buffer.from(text);
    if (!force && this.written + b.length > this.maxBytes) return;
    writeSync(this.fd, b);
    this.written += b.length;
  }
}
