import fs, { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from '@vstds/param-spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkReadError, ChunkedDatasetReader, ManifestErrorLike, UnsafeChunkPathError, halfToFloat32, sampleWithoutReplacement } from './reader-exports';
import { SPEC, makeDataset, makeRow } from './make-dataset';

let dir: string;
let rows: Awaited<ReturnType<typeof makeDataset>>;
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'vstds-rd-'));
  dirs.push(d);
  return d;
};
beforeAll(async () => {
  dir = tempDir();
  rows = await makeDataset(dir, 25, 10, 7);
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const copyDataset = (files: string[]) => {
  const d = tempDir();
  for (const f of files) copyFileSync(join(dir, f), join(d, f));
  return d;
};

describe('ChunkedDatasetReader', () => {
  it('reports dataset info from the manifest and the first chunk', async () => {
    const r = await ChunkedDatasetReader.open(dir);
    const info = r.getDatasetInfo();
    expect(info).toMatchObject({
      total_samples: 25, num_chunks: 3, planned_samples: 25, planned_chunks: 3, samples_per_file: 10, sample_rate: 8000, channels: 2,
      signal_duration_seconds: 0.5, samples_per_channel: 4000, n_mels: 16, frames: 9, encoded_width: 7, seed: 7, velocity: 100,
      min_pitch: 48, max_pitch: 72, source: 'manifest', compression: 'none', codecs: { audio: 'none', mel_spec: 'none' }, damaged_chunks: [],
    });
    expect(info.param_names).toEqual(['a_amp_eg_attack', 'a_filter_1_cutoff', 'a_lfo_1_amplitude', 'a_lfo_1_rate', 'pitch', 'note_start_and_end']);
    expect(info.plugin).toMatchObject({ name: 'Test' });
    r.close();
  });

  it('getSample returns exactly what was written, params decoded with the spec', async () => {
    const r = await ChunkedDatasetReader.open(dir);
    for (const id of [0, 9, 10, 24]) {
      const s = await r.getSample(id);
      const w = rows[id]!;
      expect([s.global_id, s.chunk_index, s.row, s.midi_note, s.velocity]).toEqual([id, Math.floor(id / 10), id % 10, w.midiNote, w.velocity]);
      expect(s.audio).toHaveLength(2);
      // float16 → float32 is exact: compare with the written half bits converted independently
      const bits = w.audio;
      expect(Array.from(s.audio[0]!)).toEqual(Array.from(halfToFloat32(bits.subarray(0, 4000))));
      expect(Array.from(s.audio[1]!)).toEqual(Array.from(halfToFloat32(bits.subarray(4000))));
      expect(Math.max(...s.audio[0]!.map((v, i) => Math.abs(v - w.audioFloat[i]!)))).toBeLessThan(1e-3);
      expect(s.mel_spec.map((m) => m.length)).toEqual([16 * 9, 16 * 9]);
      expect(Array.from(s.mel_spec[1]!)).toEqual(Array.from(w.mel.subarray(144)));
      expect(Array.from(s.param_array)).toEqual(Array.from(w.paramArray));
      const { synthParams, noteParams } = decode(SPEC, w.paramArray);
      expect(s.params).toEqual({ ...synthParams, ...noteParams });
      expect(s.parameters).toEqual(JSON.parse(JSON.stringify(w.parameters)));
      expect(s.peak).toBe(w.peak);
      expect(s.peak).toBeGreaterThan(0.3);
    }
    await expect(r.getSample(25)).rejects.toThrow(/global id 25/);
    r.close();
  });

  it('reading one row reads that row, not the chunk file', async () => {
    const r = await ChunkedDatasetReader.open(dir);
    await r.getSample(0); // opens chunk 0 and reads its metadata
    const original = fs.readSync;
    let bytes = 0;
    // h5wasm's NODERAWFS build reads through node's fs module: count what one more row costs.
    fs.readSync = ((...args: Parameters<typeof fs.readSync>) => {
      const n = original(...args);
      bytes += n;
      return n;
    }) as typeof fs.readSync;
    try {
      await r.getSample(6);
    } finally {
      fs.readSync = original;
    }
    const rowPayload = 2 * 4000 * 2 + 2 * 16 * 9 * 4 + 7 * 4;
    expect(bytes).toBeGreaterThanOrEqual(rowPayload);
    expect(bytes).toBeLessThan(rowPayload * 2);
    expect(statSync(join(dir, 'dataset_0000.h5')).size).toBeGreaterThan(rowPayload * 9);
    r.close();
  });

  it('getRandomSamples is deterministic for a seed and draws without replacement', async () => {
    const r = await ChunkedDatasetReader.open(dir);
    const a = (await r.getRandomSamples(10, { seed: 3 })).map((s) => s.global_id);
    const b = (await r.getRandomSamples(10, { seed: 3 })).map((s) => s.global_id);
    const c = (await r.getRandomSamples(10, { seed: 4 })).map((s) => s.global_id);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a).size).toBe(10);
    const all = (await r.getRandomSamples(25, { seed: 9 })).map((s) => s.global_id).sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(sampleWithoutReplacement(1_000_000, 5, 1)).toEqual(sampleWithoutReplacement(1_000_000, 5, 1));
    r.close();
  });

  it('iterateChunks walks the chunks in order and reads rows on demand', async () => {
    const r = await ChunkedDatasetReader.open(dir);
    const seen: [number, number, number][] = [];
    for await (const chunk of r.iterateChunks()) {
      seen.push([chunk.index, chunk.numSamples, chunk.read('global_ids', chunk.numSamples - 1)]);
      expect(chunk.read('audio', 0)[0]!.length).toBe(4000);
    }
    expect(seen).toEqual([[0, 10, 9], [1, 10, 19], [2, 5, 24]]);
    r.close();
  });

  it('validate passes a sound dataset and names a chunk whose bytes changed', async () => {
    const r = await ChunkedDatasetReader.open(dir);
    const ok = await r.validate();
    expect(ok).toMatchObject({ ok: true, checked_samples: 25, problems: [], missing_chunks: [] });
    r.close();
    const d = copyDataset(['dataset_info.json', 'dataset_0000.h5', 'dataset_0001.h5', 'dataset_0002.h5']);
    const b = readFileSync(join(d, 'dataset_0001.h5'));
    b[b.length - 100] ^= 0x55;
    writeFileSync(join(d, 'dataset_0001.h5'), b);
    unlinkSync(join(d, 'dataset_0002.h5'));
    const r2 = await ChunkedDatasetReader.open(d);
    const bad = await r2.validate();
    expect(bad.ok).toBe(false);
    expect(bad.chunks.map((c) => c.ok)).toEqual([true, false, false]);
    expect(bad.problems.join('\n')).toMatch(/dataset_0001\.h5: sha256 [0-9a-f]+, manifest says/);
    expect(bad.problems.join('\n')).toMatch(/dataset_0002\.h5: file missing/);
    r2.close();
  });

  it('validate finds non-finite values', async () => {
    const d = tempDir();
    const { openDatasetDir, writeChunks } = await import('@vstds/hdf5-chunks');
    const { from, lastValueFrom } = await import('rxjs');
    const ds = openDatasetDir(d, {
      totalSamples: 3, samplesPerFile: 3, config: {},
      metadata: { audio: { sample_rate: 8000, channels: 2, signal_duration_seconds: 0.5, note_duration_seconds: 0.4, min_loudness: -60, velocity: 100, min_pitch: 48, max_pitch: 72 }, paramNames: [], paramSpec: SPEC as never, plugin: {}, seed: 1, nMels: 16 },
    });
    const rs = [0, 1, 2].map((i) => makeRow(i, 7));
    rs[2]!.audio[123] = 0x7c00; // +Inf as half
    rs[1]!.mel[5] = NaN;
    await lastValueFrom(from(rs).pipe(writeChunks(ds)));
    const r = await ChunkedDatasetReader.open(d);
    const rep = await r.validate();
    expect(rep.problems).toEqual([
      'dataset_0000.h5: audio: non-finite value in row 2 (global id 2)',
      'dataset_0000.h5: mel_spec: non-finite value in row 1 (global id 1)',
    ]);
    r.close();
  });

  it.each([
    ['gzip:1', { audio: 'gzip:1', mel_spec: 'gzip:1' }, true],
    // LZ4 without a shuffle does not shrink these synthetic float rows (real synth rows: see the bench).
    ['lz4', { audio: 'lz4', mel_spec: 'lz4' }, false],
    ['zstd:7', { audio: 'zstd:7', mel_spec: 'zstd:7' }, true],
    ['blosc:lz4:5', { audio: 'blosc:lz4:5', mel_spec: 'blosc:lz4:5' }, true],
    ['blosc:zstd:2', { audio: 'blosc:zstd:2', mel_spec: 'blosc:zstd:2' }, true],
  ])('reads %s-compressed chunks to the same values and verifies them', async (compression, codecs, smaller) => {
    const d = tempDir();
    const written = await makeDataset(d, 12, 5, 11, compression);
    const r = await ChunkedDatasetReader.open(d);
    expect(r.getDatasetInfo()).toMatchObject({ compression, codecs });
    const plain = await ChunkedDatasetReader.open(dir);
    if (smaller) expect(r.getDatasetInfo().bytes_per_row).toBeLessThan(plain.getDatasetInfo().bytes_per_row);
    else expect(r.getDatasetInfo().bytes_per_row).not.toBe(plain.getDatasetInfo().bytes_per_row);
    plain.close();
    for (const id of [0, 7, 11]) {
      const s = await r.getSample(id);
      expect(Array.from(s.audio[1]!)).toEqual(Array.from(halfToFloat32(written[id]!.audio.subarray(4000))));
      expect(Array.from(s.mel_spec[0]!)).toEqual(Array.from(written[id]!.mel.subarray(0, 144)));
    }
    expect((await r.validate()).ok).toBe(true);
    r.close();
  });

  it('without a manifest it scans the chunk files', async () => {
    const d = copyDataset(['dataset_0000.h5', 'dataset_0001.h5', 'dataset_0002.h5']);
    const r = await ChunkedDatasetReader.open(d);
    expect(r.getDatasetInfo()).toMatchObject({ total_samples: 25, num_chunks: 3, source: 'scan', samples_per_file: 10, seed: 7 });
    expect((await r.getSample(17)).param_array).toEqual(rows[17]!.paramArray);
    r.close();
  });

  it('damaged chunks are reported by name and left out; the rest read', async () => {
    const d = copyDataset(['dataset_info.json', 'dataset_0000.h5', 'dataset_0001.h5', 'dataset_0002.h5']);
    truncateSync(join(d, 'dataset_0001.h5'), 3000);
    writeFileSync(join(d, 'dataset_0002.h5'), 'this is not HDF5');
    const r = await ChunkedDatasetReader.open(d);
    const info = r.getDatasetInfo();
    expect(info.damaged_chunks).toEqual([
      { index: 1, file: 'dataset_0001.h5', reason: expect.stringMatching(/^size 3000 bytes, manifest says \d+$/) },
      { index: 2, file: 'dataset_0002.h5', reason: expect.stringMatching(/^size 16 bytes, manifest says \d+$/) },
    ]);
    expect(info).toMatchObject({ total_samples: 10, num_chunks: 1, planned_chunks: 3, missing_chunks: [] });
    await expect(r.getSample(12)).rejects.toThrow(ChunkReadError);
    await expect(r.getSample(12)).rejects.toThrow(/dataset_0001\.h5: global id 12 is in a damaged chunk: size 3000 bytes/);
    await expect(r.getSample(21)).rejects.toThrow(/dataset_0002\.h5: global id 21 is in a damaged chunk/);
    expect((await r.getSample(3)).global_id).toBe(3);
    const report = await r.validate();
    expect(report.ok).toBe(false);
    expect(report.chunks.map((c) => [c.file, c.ok])).toEqual([['dataset_0000.h5', true], ['dataset_0001.h5', false], ['dataset_0002.h5', false]]);
    r.close();

    // Same size, wrong content (a chunk of another dataset's schema): only an open finds it.
    const d3 = copyDataset(['dataset_info.json', 'dataset_0000.h5', 'dataset_0001.h5']);
    const m = JSON.parse(readFileSync(join(d3, 'dataset_info.json'), 'utf8'));
    m.chunks = m.chunks.filter((c: { index: number }) => c.index < 2);
    m.chunks[1].num_samples = 9;
    writeFileSync(join(d3, 'dataset_info.json'), JSON.stringify(m));
    const quick = await ChunkedDatasetReader.open(d3);
    expect(quick.getDatasetInfo().damaged_chunks).toEqual([]);
    quick.close();
    const full = await ChunkedDatasetReader.open(d3, { check: 'open' });
    expect(full.getDatasetInfo().damaged_chunks).toEqual([{ index: 1, file: 'dataset_0001.h5', reason: 'expected 9 rows (dataset_info.json), got 10' }]);
    expect(full.getDatasetInfo().missing_chunks).toEqual([2]);
    full.close();

    // Without a manifest: a file that does not open is damaged, the others read.
    const d2 = copyDataset(['dataset_0000.h5']);
    writeFileSync(join(d2, 'dataset_0001.h5'), Buffer.alloc(100));
    const scanned = await ChunkedDatasetReader.open(d2);
    expect(scanned.getDatasetInfo().damaged_chunks).toEqual([{ index: null, file: 'dataset_0001.h5', reason: expect.stringMatching(/not a readable HDF5 chunk/) }]);
    scanned.close();
    const d4 = tempDir();
    writeFileSync(join(d4, 'dataset_0000.h5'), Buffer.alloc(100));
    await expect(ChunkedDatasetReader.open(d4)).rejects.toThrow(/dataset_0000\.h5 \(not a readable HDF5 chunk/);
  });

  it('chunk paths in the manifest may not escape the dataset directory', async () => {
    const d = copyDataset(['dataset_info.json', 'dataset_0000.h5']);
    const m = JSON.parse(readFileSync(join(d, 'dataset_info.json'), 'utf8'));
    m.chunks[0].file = '../dataset_0000.h5';
    writeFileSync(join(d, 'dataset_info.json'), JSON.stringify(m));
    const err = await ChunkedDatasetReader.open(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/dataset_info\.json: chunks\[0\]\.file: expected a file name inside the dataset directory, got "\.\.\/dataset_0000\.h5"/);
    expect(err instanceof UnsafeChunkPathError || err instanceof ManifestErrorLike).toBe(true);
  });

  it('halfToFloat32 converts every class of half exactly', () => {
    const out = halfToFloat32(Uint16Array.of(0x0000, 0x8000, 0x3c00, 0xc000, 0x7bff, 0x0001, 0x03ff, 0x7c00, 0xfc00, 0x7e00, 0x3555));
    expect(Array.from(out.subarray(0, 9))).toEqual([0, -0, 1, -2, 65504, 2 ** -24, 1023 * 2 ** -24, Infinity, -Infinity]);
    expect(Number.isNaN(out[9]!)).toBe(true);
    expect(out[10]).toBe(Math.fround(0.333251953125));
  });
});

