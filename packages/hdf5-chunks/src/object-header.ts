import { readSync, writeSync } from 'node:fs';
import { HeaderPatchError } from './errors';
import { lookup3 } from './lookup3';

/**
 * Minimal reader/patcher for HDF5 version-2 object headers ("OHDR" + "OCHK" continuation blocks),
 * per the HDF5 file format specification, section IV.A.1.b. We only ever touch headers of files we
 * just created ourselves (libver v110), so anything unexpected is an error, never a guess.
 */

const MSG_DATATYPE = 0x03;
const MSG_LAYOUT = 0x08;
const MSG_FILTERS = 0x0b;
const MSG_CONTINUATION = 0x10;
const BLOSC_FILTER = 32001;

interface HeaderBlock {
  /** File address of the block (its signature). */
  addr: number;
  buf: Buffer;
  /** Offset in `buf` of the 4-byte checksum that closes the block. */
  checksumAt: number;
  messages: { type: number; data: number; size: number }[];
}

function readAt(fd: number, addr: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, addr);
  if (n !== length) throw new HeaderPatchError(`object header at ${addr}: file ends after ${n} of ${length} bytes`);
  return buf;
}

function parseMessages(buf: Buffer, start: number, end: number, creationOrder: boolean): HeaderBlock['messages'] {
  const messages: HeaderBlock['messages'] = [];
  let p = start;
  const headerSize = creationOrder ? 6 : 4;
  // A gap smaller than a message header may close the block.
  while (p + headerSize <= end) {
    const type = buf[p]!;
    const size = buf.readUInt16LE(p + 1);
    const data = p + headerSize;
    if (data + size > end) throw new HeaderPatchError(`object header message of type ${type} overruns its block`);
    messages.push({ type, data, size });
    p = data + size;
  }
  return messages;
}

/** Reads an object header and its continuation blocks (offsets and lengths are 8 bytes: our files' superblock says so). */
function readHeader(fd: number, addr: number): { blocks: HeaderBlock[]; flags: number } {
  const head = readAt(fd, addr, 6 + 16 + 4 + 8);
  if (head.toString('latin1', 0, 4) !== 'OHDR' || head[4] !== 2) {
    throw new HeaderPatchError(`object header at ${addr}: expected an "OHDR" version 2 header, got ${JSON.stringify(head.toString('latin1', 0, 5))}`);
  }
  const flags = head[5]!;
  let p = 6;
  if (flags & 0x20) p += 16;
  if (flags & 0x10) p += 4;
  const sizeLen = 1 << (flags & 3);
  const size0 = Number(head.readUIntLE(p, Math.min(sizeLen, 6)));
  p += sizeLen;
  const buf = readAt(fd, addr, p + size0 + 4);
  const creationOrder = (flags & 0x04) !== 0;
  const blocks: HeaderBlock[] = [{ addr, buf, checksumAt: p + size0, messages: parseMessages(buf, p, p + size0, creationOrder) }];
  for (let i = 0; i < blocks.length; i++) {
    for (const m of blocks[i]!.messages) {
      if (m.type !== MSG_CONTINUATION) continue;
      const b = blocks[i]!.buf;
      const caddr = Number(b.readBigUInt64LE(m.data));
      const clen = Number(b.readBigUInt64LE(m.data + 8));
      const cbuf = readAt(fd, caddr, clen);
      if (cbuf.toString('latin1', 0, 4) !== 'OCHK') throw new HeaderPatchError(`continuation block at ${caddr}: expected "OCHK"`);
      blocks.push({ addr: caddr, buf: cbuf, checksumAt: clen - 4, messages: parseMessages(cbuf, 4, clen - 4, creationOrder) });
    }
  }
  return { blocks, flags };
}

function writeBlock(fd: number, block: HeaderBlock): void {
  block.buf.writeUInt32LE(lookup3(block.buf.subarray(0, block.checksumAt)), block.checksumAt);
  writeSync(fd, block.buf, 0, block.buf.length, block.addr);
}

/**
 * Turns a chunked little-endian float32 dataset that holds no data yet into IEEE half precision:
 * h5wasm refuses to create float16, HDF5 (1.10 in h5py included) reads it fine. Rewrites the
 * datatype message in place (both are 20-byte floating-point messages), the dataset element size
 * that a chunked layout stores as its last "dimension", and the block checksums.
 */
export function patchDatasetToFloat16(fd: number, addr: number): void {
  const { blocks } = readHeader(fd, addr);
  const touched = new Set<HeaderBlock>();
  let sawType = false;
  let sawLayout = false;
  for (const block of blocks) {
    const b = block.buf;
    for (const m of block.messages) {
      if (m.type === MSG_DATATYPE) {
        const q = m.data;
        const cls = b[q]! & 0x0f;
        if (cls !== 1 || b.readUInt32LE(q + 4) !== 4 || (b[q + 1]! & 1) !== 0 || m.size < 20) {
          throw new HeaderPatchError(`dataset header at ${addr}: expected a little-endian float32 datatype message`);
        }
        b[q + 2] = 15; // sign bit position
        b.writeUInt32LE(2, q + 4); // element size
        b.writeUInt16LE(0, q + 8); // bit offset
        b.writeUInt16LE(16, q + 10); // precision
        b[q + 12] = 10; // exponent location
        b[q + 13] = 5; // exponent size
        b[q + 14] = 0; // mantissa location
        b[q + 15] = 10; // mantissa size
        b.writeUInt32LE(15, q + 16); // exponent bias
        touched.add(block);
        sawType = true;
      } else if (m.type === MSG_LAYOUT) {
        const q = m.data;
        const version = b[q]!;
        if (b[q + 1] !== 2) throw new HeaderPatchError(`dataset header at ${addr}: expected a chunked layout`);
        let at: number;
        let width: number;
        if (version === 3) {
          const rank = b[q + 2]!;
          at = q + 3 + 8 + (rank - 1) * 4;
          width = 4;
        } else if (version === 4) {
          const rank = b[q + 3]!;
          width = b[q + 4]!;
          at = q + 5 + (rank - 1) * width;
        } else {
          throw new HeaderPatchError(`dataset header at ${addr}: layout message version ${version} is not supported`);
        }
        if (b.readUIntLE(at, width) !== 4) throw new HeaderPatchError(`dataset header at ${addr}: expected chunk element size 4`);
        b.writeUIntLE(2, at, width);
        touched.add(block);
        sawLayout = true;
      } else if (m.type === MSG_FILTERS && patchBloscTypeSize(b, m.data, addr)) {
        touched.add(block);
      }
    }
  }
  if (!sawType || !sawLayout) throw new HeaderPatchError(`dataset header at ${addr}: datatype or layout message not found`);
  for (const block of touched) writeBlock(fd, block);
}

/**
 * Blosc records the element size it shuffles by (cd_values[2]) and the chunk's byte size
 * (cd_values[3]) when the dataset is created, i.e. for float32: halve both, as HDF5 would have set
 * them for float16, so audio is shuffled by 2-byte elements. Returns whether the message changed.
 */
function patchBloscTypeSize(b: Buffer, q: number, addr: number): boolean {
  const version = b[q]!;
  const nfilters = b[q + 1]!;
  if (version !== 2) throw new HeaderPatchError(`dataset header at ${addr}: filter pipeline message version ${version} is not supported`);
  let p = q + 2;
  let changed = false;
  for (let f = 0; f < nfilters; f++) {
    const id = b.readUInt16LE(p);
    p += 2;
    let nameLength = 0;
    if (id >= 256) {
      nameLength = b.readUInt16LE(p);
      p += 2;
    }
    p += 2; // flags
    const ncd = b.readUInt16LE(p);
    p += 2 + nameLength;
    if (id === BLOSC_FILTER && ncd >= 4) {
      if (b.readUInt32LE(p + 8) !== 4) throw new HeaderPatchError(`dataset header at ${addr}: expected Blosc type size 4`);
      b.writeUInt32LE(2, p + 8);
      b.writeUInt32LE(b.readUInt32LE(p + 12) / 2, p + 12);
      changed = true;
    }
    p += 4 * ncd;
  }
  return changed;
}

/**
 * Marks a dataset's Blosc filter optional, as h5py does for every plugin filter: Blosc gives up on a
 * chunk it cannot shrink (its output buffer is the input's size) and HDF5 then stores that chunk
 * unfiltered, flagged in the chunk index, instead of failing the write (h5wasm adds filters as
 * mandatory). Readers need nothing special. Call before any data is written.
 */
export function markBloscOptional(fd: number, addr: number): void {
  const { blocks } = readHeader(fd, addr);
  for (const block of blocks) {
    const b = block.buf;
    for (const m of block.messages) {
      if (m.type !== MSG_FILTERS) continue;
      const q = m.data;
      if (b[q] !== 2) throw new HeaderPatchError(`dataset header at ${addr}: filter pipeline message version ${b[q]} is not supported`);
      let p = q + 2;
      let changed = false;
      for (let f = 0; f < b[q + 1]!; f++) {
        const id = b.readUInt16LE(p);
        p += 2;
        let nameLength = 0;
        if (id >= 256) {
          nameLength = b.readUInt16LE(p);
          p += 2;
        }
        if (id === BLOSC_FILTER) {
          b.writeUInt16LE(b.readUInt16LE(p) | 1, p);
          changed = true;
        }
        const ncd = b.readUInt16LE(p + 2);
        p += 4 + nameLength + 4 * ncd;
      }
      if (changed) writeBlock(fd, block);
    }
  }
}

/**
 * Sets the access/modification/change/birth times HDF5 stamps into every v2 object header to 0,
 * so that the same rows always give the same file bytes (and the same sha256 in the manifest).
 */
export function zeroObjectHeaderTimes(fd: number, addr: number): void {
  const { blocks, flags } = readHeader(fd, addr);
  if (!(flags & 0x20)) return;
  const first = blocks[0]!;
  first.buf.fill(0, 6, 22);
  writeBlock(fd, first);
}
