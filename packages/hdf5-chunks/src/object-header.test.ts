import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HeaderPatchError } from './errors';
import { loadH5wasm } from './h5wasm-module';
import { lookup3 } from './lookup3';
import { patchDatasetToFloat16 } from './object-header';

const dir = mkdtempSync(join(tmpdir(), 'vstds-oh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function makeFile(dtype: string): Promise<{ path: string; addr: number }> {
  const h5 = await loadH5wasm();
  const path = join(dir, `${dtype.replace('<', '')}.h5`);
  const f = new h5.File(path, 'w', { libver: ['v110', 'v110'] });
  const ds = f.create_dataset({ name: 'x', data: new Float32Array(0), dtype, shape: [0, 4], maxshape: [null, 4], chunks: [1, 4] });
  const addr = Number(Buffer.from(Array.from(ds.create_reference().ref_data)).readBigUInt64LE(0));
  f.close();
  return { path, addr };
}

describe('patchDatasetToFloat16', () => {
  it('rewrites a float32 dataset header to half precision with a valid checksum', async () => {
    const { path, addr } = await makeFile('<f');
    const fd = openSync(path, 'r+');
    patchDatasetToFloat16(fd, addr);
    closeSync(fd);
    const h5 = await loadH5wasm();
    const f = new h5.File(path, 'r');
    const md = h5.Module.get_dataset_metadata(f.file_id, '/x');
    expect([md.type, md.size]).toEqual([1, 2]);
    f.close();
    // the checksum that closes the header block matches lookup3 of the block
    const b = readFileSync(path);
    const flags = b[addr + 5]!;
    const at = addr + 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
    const sizeLen = 1 << (flags & 3);
    const size0 = b.readUIntLE(at, sizeLen);
    const start = at + sizeLen;
    expect(b.readUInt32LE(start + size0)).toBe(lookup3(b.subarray(addr, start + size0)));
  });

  it('refuses a dataset that is not float32', async () => {
    const { path, addr } = await makeFile('<d');
    const fd = openSync(path, 'r+');
    expect(() => patchDatasetToFloat16(fd, addr)).toThrow(HeaderPatchError);
    closeSync(fd);
    writeFileSync(join(dir, 'junk'), Buffer.alloc(4096));
    const junk = openSync(join(dir, 'junk'), 'r+');
    expect(() => patchDatasetToFloat16(junk, 0)).toThrow(/expected an "OHDR" version 2 header/);
    closeSync(junk);
  });
});
