import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkWriter, DATASET_FORMAT_VERSION, loadH5wasm, parseCompression, readBackChunk } from '../src/index';
import { SMALL, makeRows, metadataFor } from './rows';

const dir = mkdtempSync(join(tmpdir(), 'vstds-readback-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeChunk(name: string, index: number, first: number, n: number): Promise<string> {
  const file = join(dir, name);
  const w = await ChunkWriter.create({ file, index, firstGlobalId: first, compression: parseCompression('blosc:lz4'), metadata: metadataFor(SMALL) });
  for (const row of makeRows(SMALL, first, first + n)) w.write(row);
  w.close();
  return file;
}

describe('readBackChunk: a chunk is re-opened and checked before it may enter the manifest', () => {
  it('accepts the chunk as written and names what does not match', async () => {
    const h5 = await loadH5wasm();
    const file = await writeChunk('c3.h5', 3, 30, 10);
    expect(readBackChunk(h5, file, { index: 3, firstGlobalId: 30, numSamples: 10, formatVersion: DATASET_FORMAT_VERSION })).toBeUndefined();
    expect(readBackChunk(h5, file, { index: 3, firstGlobalId: 30, numSamples: 9, formatVersion: DATASET_FORMAT_VERSION })).toBe('expected 9 rows, got 10');
    expect(readBackChunk(h5, file, { index: 3, firstGlobalId: 31, numSamples: 10, formatVersion: DATASET_FORMAT_VERSION })).toBe('global_ids[0]: expected 31, got 30');
    expect(readBackChunk(h5, file, { index: 4, firstGlobalId: 30, numSamples: 10, formatVersion: DATASET_FORMAT_VERSION })).toBe('chunk_index attribute: expected 4, got 3');
  });

  it('a truncated or foreign file is not readable', async () => {
    const h5 = await loadH5wasm();
    const file = await writeChunk('c0.h5', 0, 0, 4);
    const cut = join(dir, 'cut.h5');
    copyFileSync(file, cut);
    truncateSync(cut, Math.floor(readFileSync(file).length / 2));
    expect(readBackChunk(h5, cut, { index: 0, firstGlobalId: 0, numSamples: 4, formatVersion: DATASET_FORMAT_VERSION })).toMatch(/^not readable: |dataset /);
    writeFileSync(join(dir, 'junk.h5'), 'not HDF5 at all');
    expect(readBackChunk(h5, join(dir, 'junk.h5'), { index: 0, firstGlobalId: 0, numSamples: 4, formatVersion: DATASET_FORMAT_VERSION })).toMatch(/^not readable: /);
  });
});
