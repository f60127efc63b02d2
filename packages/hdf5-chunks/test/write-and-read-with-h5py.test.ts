import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChunkRow, type ChunkWritten, DATASET_FORMAT_VERSION, listMissingChunks, MANIFEST_FILE, openDatasetDir, parseCompression, readManifest, sha256File, writeChunks } from '../src/index';
import { DUMP_CHUNK, runH5py } from './h5py';
import { SMALL, makeRows, metadataFor } from './rows';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'vstds-h5-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const sha = (parts: ArrayBufferView[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  return h.digest('hex');
};

async function writeDataset(dir: string, total: number, perFile: number, compression = 'none', rows?: ChunkRow[]): Promise<ChunkWritten[]> {
  const ds = openDatasetDir(dir, {
    totalSamples: total, samplesPerFile: perFile, compression: parseCompression(compression),
    metadata: metadataFor(SMALL), config: { num_samples: total, samples_per_file: perFile, compression },
  });
  return lastValueFrom(from(rows ?? makeRows(SMALL, 0, total)).pipe(writeChunks(ds), toArray()));
}

interface Dump {
  attrs: Record<string, unknown>;
  datasets: Record<string, {
    dtype: string; shape: number[]; chunks: number[] | null; filters: [number, number[]][]; attrs: Record<string, unknown>;
    sha256?: string; values?: unknown[]; read_error?: string | null;
  }>;
}

// [setting, audio filter (id, cd_values as HDF5 stores them), mel_spec filter, manifest text]
const CODEC_CASES: [string, [number, number[]] | null, [number, number[]] | null, string][] = [
  ['none', null, null, 'none'],
  ['gzip:1', [1, [1]], [1, [1]], 'gzip:1'],
  ['lz4', [32004, []], [32004, []], 'lz4'],
  ['zstd:5', [32015, [5]], [32015, [5]], 'zstd:5'],
  // Blosc: [format version 2, blosc version 2, type size, chunk bytes, level, shuffle 1 = byte, compressor]
  ['blosc:lz4', [32001, [2, 2, 2, 2 * 2 * 2000, 5, 1, 1]], [32001, [2, 2, 4, 4 * 2 * 8 * 5, 5, 1, 1]], 'blosc:lz4:5'],
  ['blosc:zstd:3', [32001, [2, 2, 2, 2 * 2 * 2000, 3, 1, 5]], [32001, [2, 2, 4, 4 * 2 * 8 * 5, 3, 1, 5]], 'blosc:zstd:3'],
];

describe.each(CODEC_CASES)('chunks written with compression %s', (compression, audioFilter, melFilter, text) => {
  it('are read by h5py with the seed schema, exact values and float16 bits', async () => {
    const dir = tempDir();
    const events = await writeDataset(dir, 35, 20, compression);
    expect(events.map((e) => [e.index, e.file, e.first_global_id, e.num_samples])).toEqual([
      [0, 'dataset_0000.h5', 0, 20],
      [1, 'dataset_0001.h5', 20, 15],
    ]);
    const rows = makeRows(SMALL, 20, 35);
    const dump = runH5py<Dump>(DUMP_CHUNK, join(dir, 'dataset_0001.h5'));
    const d = dump.datasets;
    expect(d.audio).toMatchObject({ dtype: '<f2', shape: [15, 2, 2000], chunks: [1, 2, 2000], filters: audioFilter ? [audioFilter] : [] });
    expect(d.mel_spec).toMatchObject({ dtype: '<f4', shape: [15, 2, 8, 5], chunks: [1, 2, 8, 5], filters: melFilter ? [melFilter] : [] });
    for (const name of ['param_array', 'midi_notes', 'velocities', 'global_ids', 'peaks']) expect(d[name]!.filters).toEqual([]);
    if (compression.startsWith('zstd')) {
      // Debian 12 ships no HDF5 Zstd filter: h5py reads everything but these two arrays (see README).
      expect(d.audio!.read_error).toMatch(/zstd filter.*not registered/);
      expect(d.mel_spec!.read_error).toMatch(/zstd filter.*not registered/);
    } else {
      expect(d.audio!.sha256).toBe(sha(rows.map((r) => r.audio)));
      expect(d.mel_spec!.sha256).toBe(sha(rows.map((r) => r.mel)));
    }
    expect(d.param_array).toMatchObject({ dtype: '<f4', shape: [15, 7] });
    expect(d.parameters).toMatchObject({ dtype: 'vlen-utf-8', shape: [15] });
    expect(d.midi_notes).toMatchObject({ dtype: '<i2', shape: [15], values: rows.map((r) => r.midiNote) });
    expect(d.velocities).toMatchObject({ dtype: '<i2', shape: [15], values: rows.map((r) => r.velocity) });
    expect(d.global_ids).toMatchObject({ dtype: '<i8', shape: [15], values: rows.map((r) => r.globalId) });
    expect(d.peaks).toMatchObject({ dtype: '<f4', shape: [15], filters: [], values: rows.map((r) => r.peak) });
    expect(d.param_array!.sha256).toBe(sha(rows.map((r) => r.paramArray)));
    expect(d.parameters!.values).toEqual(rows.map((r) => r.parameters));
    expect(d.audio!.attrs).toEqual({
      velocity: [60, 127], signal_duration_seconds: 0.5, sample_rate: 4000, min_loudness: -55.5, channels: 2,
      note_duration_seconds: 0.375, min_pitch: 48, max_pitch: 72,
    });
    const md = metadataFor(SMALL);
    expect(dump.attrs).toMatchObject({ chunk_index: 1, seed: 1234, vstds_version: '0.1.0' });
    expect(JSON.parse(dump.attrs.param_names as string)).toEqual(md.paramNames);
    expect(JSON.parse(dump.attrs.param_spec as string)).toEqual(md.paramSpec);
    expect(JSON.parse(dump.attrs.plugin as string)).toEqual(md.plugin);

    const manifest = readManifest(dir)!;
    expect(manifest).toMatchObject({ total_samples: 35, completed_samples: 35, samples_per_file: 20, num_chunks: 2, compression: text });
    for (const c of manifest.chunks) expect(sha256File(join(dir, c.file))).toEqual({ sha256: c.sha256, bytes: c.bytes });
    expect(listMissingChunks(manifest)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['dataset_0000.h5', 'dataset_0001.h5', 'dataset_info.json']);
  });
});

describe('rows a codec cannot shrink', () => {
  it('blosc stores them unfiltered instead of failing; h5py and the checksums agree', async () => {
    let x = 7;
    const noise = () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 8) & 0x7bff; // finite halves, no structure
    const rows = makeRows(SMALL, 0, 4).map((r) => ({ ...r, audio: r.audio.map(noise), mel: r.mel.map(() => noise() / 100) }));
    const dir = tempDir();
    await writeDataset(dir, 4, 4, 'blosc:lz4', rows);
    const d = runH5py<Dump>(DUMP_CHUNK, join(dir, 'dataset_0000.h5')).datasets;
    expect(d.audio!.sha256).toBe(sha(rows.map((r) => r.audio)));
    expect(d.mel_spec!.sha256).toBe(sha(rows.map((r) => r.mel)));
  });
});

describe('determinism and resume', () => {
  it('the same rows give byte-identical chunk files (HDF5 timestamps are zeroed)', async () => {
    const a = await writeDataset(tempDir(), 12, 6);
    const b = await writeDataset(tempDir(), 12, 6);
    expect(a.map((e) => e.sha256)).toEqual(b.map((e) => e.sha256));
  });

  it('resume deletes .partial files, drops chunks that no longer match, and lists what is missing', async () => {
    const dir = tempDir();
    await writeDataset(dir, 30, 10, 'none', makeRows(SMALL, 0, 20));
    // Simulate a crash: a leftover partial of chunk 2 and a damaged chunk 1.
    const partial = join(dir, 'dataset_0002.h5.partial');
    writeFileSync(partial, 'half a chunk');
    const c1 = join(dir, 'dataset_0001.h5');
    const bytes = readFileSync(c1);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(c1, bytes);

    const ds = openDatasetDir(dir, { totalSamples: 30, samplesPerFile: 10, metadata: metadataFor(SMALL), config: {} });
    expect(ds.removedPartials).toEqual(['dataset_0002.h5.partial']);
    expect(existsSync(partial)).toBe(false);
    expect(ds.verifiedChunks).toEqual([0]);
    expect(ds.droppedChunks).toEqual([{ index: 1, file: 'dataset_0001.h5', reason: expect.stringMatching(/sha256/) }]);
    expect(listMissingChunks(ds.info).map((m) => [m.index, m.file, m.first_global_id, m.num_samples])).toEqual([
      [1, 'dataset_0001.h5', 10, 10],
      [2, 'dataset_0002.h5', 20, 10],
    ]);
    const written = await lastValueFrom(from(makeRows(SMALL, 10, 30)).pipe(writeChunks(ds), toArray()));
    expect(written.map((w) => w.index)).toEqual([1, 2]);
    const m = readManifest(dir)!;
    expect(m.chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(m.completed_samples).toBe(30);
    const fresh = await writeDataset(tempDir(), 30, 10);
    expect(m.chunks.map((c) => c.sha256)).toEqual(fresh.map((c) => c.sha256));
  });

  it('a dataset started before per-row peaks (format version 1) resumes in its own schema: no peaks in any chunk', async () => {
    expect(DATASET_FORMAT_VERSION).toBe(2);
    const dir = tempDir();
    const init = { totalSamples: 30, samplesPerFile: 10, metadata: metadataFor(SMALL), config: {} };
    // What vstds 0.1 left: a version-1 manifest and a version-1 chunk.
    const old = openDatasetDir(dir, init);
    old.info.format_version = 1;
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify({ ...old.info, format_version: 1 }));
    await lastValueFrom(from(makeRows(SMALL, 0, 10)).pipe(writeChunks(old), toArray()));
    const resumed = openDatasetDir(dir, init);
    expect(resumed.info.format_version).toBe(1);
    await lastValueFrom(from(makeRows(SMALL, 10, 30)).pipe(writeChunks(resumed), toArray()));
    expect(readManifest(dir)).toMatchObject({ format_version: 1, completed_samples: 30 });
    for (const f of ['dataset_0000.h5', 'dataset_0001.h5', 'dataset_0002.h5']) {
      const d = runH5py<Dump>(DUMP_CHUNK, join(dir, f)).datasets;
      expect(Object.keys(d).sort()).toEqual(['audio', 'global_ids', 'mel_spec', 'midi_notes', 'param_array', 'parameters', 'velocities']);
    }
    // A new dataset has them.
    const fresh = tempDir();
    await writeDataset(fresh, 10, 10);
    expect(readManifest(fresh)!.format_version).toBe(2);
    expect(runH5py<Dump>(DUMP_CHUNK, join(fresh, 'dataset_0000.h5')).datasets.peaks).toMatchObject({ dtype: '<f4', shape: [10] });
  });
});

describe("a row's release", () => {
  it('is called once per row, only after its arrays are in the file: overwriting them then changes nothing', async () => {
    const dir = tempDir();
    const released: number[] = [];
    const rows = makeRows(SMALL, 0, 40).map((r) => ({
      ...r,
      release: () => {
        released.push(r.globalId);
        // What a producer reusing the memory does next.
        r.audio.fill(0xffff);
        r.mel.fill(Number.NaN);
      },
    }));
    const ds = openDatasetDir(dir, { totalSamples: 40, samplesPerFile: 40, compression: parseCompression('none'), metadata: metadataFor(SMALL), config: { num_samples: 40 } });
    const seen: number[][] = [];
    // The writer batches up to 16 rows per HDF5 write: none is released before its batch is written.
    await lastValueFrom(from(rows).pipe(tap(() => seen.push([...released])), writeChunks(ds), toArray()));
    expect(seen[15]).toEqual([]);
    expect(seen[16]).toEqual([...Array(16).keys()]);
    expect(released).toEqual([...Array(40).keys()]);
    const fresh = makeRows(SMALL, 0, 40);
    const d = runH5py<Dump>(DUMP_CHUNK, join(dir, 'dataset_0000.h5')).datasets;
    expect(d.audio!.sha256).toBe(sha(fresh.map((r) => r.audio)));
    expect(d.mel_spec!.sha256).toBe(sha(fresh.map((r) => r.mel)));
  });
});
