import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concat, from, lastValueFrom, tap, throwError, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkCheckError, ChunkWriter, FileHasher, Hdf5ChunksError, openDatasetDir, parseCompression, readManifest, sha256File, writeChunks } from '../src/index';
import { SMALL, makeRows, metadataFor } from './rows';

const dir = mkdtempSync(join(tmpdir(), 'vstds-finish-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sealed(name: string): Promise<ChunkWriter> {
  const w = await ChunkWriter.create({ file: join(dir, name), index: 2, firstGlobalId: 20, compression: parseCompression('blosc:lz4'), metadata: metadataFor(SMALL) });
  for (const row of makeRows(SMALL, 20, 30)) w.write(row);
  w.seal();
  return w;
}

describe('seal + finishInBackground: close() with the checksum and fsync off the main thread', () => {
  it('gives the same file, checksum and entry as close()', async () => {
    const a = await ChunkWriter.create({ file: join(dir, 'a.h5'), index: 2, firstGlobalId: 20, compression: parseCompression('blosc:lz4'), metadata: metadataFor(SMALL) });
    for (const row of makeRows(SMALL, 20, 30)) a.write(row);
    const byClose = a.close();
    const b = await sealed('b.h5');
    expect(existsSync(join(dir, 'b.h5'))).toBe(false); // sealed is not finished: only the .partial exists
    const hasher = new FileHasher();
    const byBackground = await b.finishInBackground(hasher);
    hasher.close();
    expect({ ...byBackground, file: 'x' }).toEqual({ ...byClose, file: 'x' });
    expect(sha256File(join(dir, 'b.h5'))).toEqual({ sha256: byBackground.sha256, bytes: byBackground.bytes });
    expect(byBackground.sha256).toBe(byClose.sha256);
    expect(readdirSync(dir).filter((n) => n.startsWith('b.h5'))).toEqual(['b.h5']);
  });

  it('hashes like sha256File and names the file it cannot read', async () => {
    const hasher = new FileHasher();
    const f = join(dir, 'blob');
    writeFileSync(f, Buffer.alloc(20 << 20, 7)); // more than one 8 MiB block
    expect(await hasher.hash(f)).toEqual(sha256File(f));
    await expect(hasher.hash(join(dir, 'missing'))).rejects.toThrow(/missing: could not read the file to checksum it: ENOENT/);
    hasher.close();
    await expect(hasher.hash(f)).rejects.toBeInstanceOf(Hdf5ChunksError);
  });

  it('a stopped hasher leaves no file behind: the chunk is neither renamed nor listed', async () => {
    const w = await sealed('c.h5');
    const hasher = new FileHasher();
    hasher.close();
    await expect(w.finishInBackground(hasher)).rejects.toThrow(/c\.h5\.partial: not hashed: the file hasher was closed/);
    expect(readdirSync(dir).filter((n) => n.startsWith('c.h5'))).toEqual([]);
  });

  it('a sealed file that does not read back is deleted with ChunkCheckError', async () => {
    const w = await sealed('d.h5');
    writeFileSync(w.partialPath, 'not HDF5');
    const hasher = new FileHasher();
    await expect(w.finishInBackground(hasher)).rejects.toBeInstanceOf(ChunkCheckError);
    hasher.close();
    expect(readdirSync(dir).filter((n) => n.startsWith('d.h5'))).toEqual([]);
  });
});

describe('writeChunks with chunks finishing in the background', () => {
  it('lists every sealed chunk, in order, before it passes on an upstream error', async () => {
    const out = join(dir, 'ds');
    const ds = openDatasetDir(out, { totalSamples: 20, samplesPerFile: 4, metadata: metadataFor(SMALL), config: {} });
    const seen: number[] = [];
    // A synchronous source: chunks 0–2 are sealed before the first one has finished.
    const err = await lastValueFrom(
      concat(from(makeRows(SMALL, 0, 14)), throwError(() => new Error('render failed'))).pipe(
        writeChunks(ds),
        tap((c) => seen.push(c.index)),
        toArray(),
      ),
    ).catch((e: unknown) => e);
    expect((err as Error).message).toBe('render failed');
    expect(seen).toEqual([0, 1, 2]);
    const m = readManifest(out)!;
    expect(m.chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(m.completed_samples).toBe(12);
    for (const c of m.chunks) expect(sha256File(join(out, c.file)).sha256).toBe(c.sha256);
    expect(readdirSync(out).sort()).toEqual(['dataset_0000.h5', 'dataset_0001.h5', 'dataset_0002.h5', 'dataset_info.json']);
  });
});
