import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { from, lastValueFrom, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ChunkWriter, DiskFullError, OutputDirError, RowOrderError, RowShapeError, listMissingChunks, openDatasetDir, readManifest, sha256File,
  writeChunks,
} from '../src/index';
import { DUMP_CHUNK, runH5py } from './h5py';
import { SMALL, type TestLayout, makeRow, makeRows, metadataFor } from './rows';

const here = dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'vstds-h5e-'));
  dirs.push(d);
  return d;
};
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('kill -9 while writing', () => {
  it('leaves only finished chunks in the manifest and no complete-looking partial chunk', async () => {
    const dir = tempDir();
    // 15 rows: chunks 0 and 1 (6 rows each) finish, chunk 2 holds 3 rows in its .partial.
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures/slow-writer.ts'), dir, '40', '6', '15'], {
      cwd: join(here, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    await new Promise<void>((resolve, reject) => {
      // Generous: the writer starts through tsx, and on a loaded 2-core machine another test file runs beside it.
      const timer = setTimeout(() => reject(new Error(`writer did not stall mid-chunk: ${out} ${err}`)), 180_000);
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('stalled\n')) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.once('exit', r));
    expect(child.signalCode).toBe('SIGKILL');

    const names = readdirSync(dir).sort();
    expect(names).toContain('dataset_0002.h5.partial');
    expect(names.filter((n) => n.endsWith('.h5'))).toEqual(['dataset_0000.h5', 'dataset_0001.h5']);
    const m = readManifest(dir)!;
    expect(m.chunks.map((c) => c.index)).toEqual([0, 1]);
    expect(m.completed_samples).toBe(12);
    for (const c of m.chunks) {
      expect(sha256File(join(dir, c.file))).toEqual({ sha256: c.sha256, bytes: c.bytes });
      const dump = runH5py<{ datasets: Record<string, { shape: number[]; values?: number[] }> }>(DUMP_CHUNK, join(dir, c.file));
      expect(dump.datasets.global_ids!.values).toEqual(Array.from({ length: 6 }, (_, i) => c.first_global_id + i));
    }
    // Resume: the partial goes, the rest is regenerated, and the result equals an uninterrupted run.
    const layout: TestLayout = { channels: 2, sampleRate: 44100, seconds: 1, nMels: 32, frames: 87, width: 16 };
    const ds = openDatasetDir(dir, { totalSamples: 40, samplesPerFile: 6, metadata: metadataFor(layout), config: { total: 40, perFile: 6 } });
    expect(ds.removedPartials).toEqual(['dataset_0002.h5.partial']);
    expect(listMissingChunks(ds.info).map((c) => c.index)).toEqual([2, 3, 4, 5, 6]);
    const rest = listMissingChunks(ds.info).flatMap((c) => Array.from({ length: c.num_samples }, (_, i) => makeRow(layout, c.first_global_id + i)));
    await lastValueFrom(from(rest).pipe(writeChunks(ds), toArray()));
    const clean = tempDir();
    const ds2 = openDatasetDir(clean, { totalSamples: 40, samplesPerFile: 6, metadata: metadataFor(layout), config: { total: 40, perFile: 6 } });
    await lastValueFrom(from(Array.from({ length: 40 }, (_, i) => makeRow(layout, i))).pipe(writeChunks(ds2), toArray()));
    expect(readManifest(dir)!.chunks.map((c) => c.sha256)).toEqual(readManifest(clean)!.chunks.map((c) => c.sha256));
  }, 300_000);
});

describe('bad input', () => {
  it('a full disk removes the partial file, keeps the manifest, and says how many bytes the chunk needed', async () => {
    const mnt = tempDir();
    // A real ENOSPC from a 2 MiB tmpfs (tests run as root, as CI does).
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]);
    mounts.push(mnt);
    const layout: TestLayout = { channels: 2, sampleRate: 44100, seconds: 1, nMels: 16, frames: 87, width: 4 };
    const ds = openDatasetDir(mnt, { totalSamples: 40, samplesPerFile: 20, metadata: metadataFor(layout), config: {} });
    const before = readManifest(mnt);
    const err = await lastValueFrom(from(makeRows(layout, 0, 20)).pipe(writeChunks(ds), toArray())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiskFullError);
    const e = err as DiskFullError;
    expect(e.bytesNeeded).toBeGreaterThan(20 * 2 * 44100 * 2);
    expect(e.message).toMatch(/dataset_0000\.h5: disk full \(ENOSPC\).*needs about \d+ bytes/);
    expect(readdirSync(mnt).sort()).toEqual(['dataset_info.json']);
    expect(readManifest(mnt)).toEqual(before);
  });

  it('an output dir that cannot be created or written is a named error', () => {
    const base = tempDir();
    writeFileSync(join(base, 'file'), 'x');
    expect(() => openDatasetDir(join(base, 'file', 'out'), { totalSamples: 1, samplesPerFile: 1, metadata: metadataFor(SMALL), config: {} })).toThrow(OutputDirError);
    expect(() => openDatasetDir(join(base, 'file'), { totalSamples: 1, samplesPerFile: 1, metadata: metadataFor(SMALL), config: {} })).toThrow(/ENOTDIR|EEXIST/);
    const ro = join(base, 'ro');
    mkdirSync(ro);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro]);
    mounts.push(ro);
    expect(() => openDatasetDir(ro, { totalSamples: 1, samplesPerFile: 1, metadata: metadataFor(SMALL), config: {} })).toThrow(/not writable.*EROFS/);
  });

  it('rows whose shapes differ from the first row are rejected and the partial file removed', async () => {
    const dir = tempDir();
    const w = await ChunkWriter.create({ file: join(dir, 'c.h5'), index: 0, firstGlobalId: 0, metadata: metadataFor(SMALL) });
    w.write(makeRow(SMALL, 0));
    const bad = makeRow(SMALL, 1);
    bad.paramArray = new Float32Array(6);
    expect(() => w.write(bad)).toThrow(RowShapeError);
    expect(() => w.write(bad)).toThrow(/c\.h5: row 1: paramArray: expected 7 values \(encoded width, as the first row\), got 6/);
    w.abort();
    expect(readdirSync(dir)).toEqual([]);
    const w2 = await ChunkWriter.create({ file: join(dir, 'd.h5'), index: 0, firstGlobalId: 0, metadata: metadataFor(SMALL) });
    const short = makeRow(SMALL, 0);
    short.audio = short.audio.subarray(1);
    expect(() => w2.write(short)).toThrow(/row 0: audio: expected 4000 values \(2 channels × 2000 samples/);
    w2.abort();
  });

  it('rows out of global-id order are rejected', async () => {
    const ds = openDatasetDir(tempDir(), { totalSamples: 10, samplesPerFile: 5, metadata: metadataFor(SMALL), config: {} });
    const rows = makeRows(SMALL, 0, 5);
    [rows[1], rows[2]] = [rows[2]!, rows[1]!];
    await expect(lastValueFrom(from(rows).pipe(writeChunks(ds)))).rejects.toThrow(RowOrderError);
    expect(readdirSync(ds.dir).sort()).toEqual(['dataset_info.json']);
  });
});
