import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkWriter, DATASET_FORMAT_VERSION, loadH5wasm, readBackChunk, RowShapeError } from '../src/index';
import { runH5py } from './h5py';
import { SMALL, makeRows, metadataFor } from './rows';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'vstds-h5-presets-'));
  dirs.push(d);
  return d;
};

const preset = (i: number) => ({ file: `bank ${i % 2}/pad ${i}.vstpreset`, sha256: `${i}`.repeat(64).slice(0, 64) });

describe('per-row preset datasets', () => {
  it('a preset dataset\'s rows carry preset_files and preset_sha256, read by h5py; other chunks have neither', async () => {
    const dir = tempDir();
    const rows = makeRows(SMALL, 10, 14);
    const withPresets = await ChunkWriter.create({ file: join(dir, 'p.h5'), index: 0, firstGlobalId: 10, metadata: metadataFor(SMALL) });
    rows.forEach((r, i) => withPresets.write({ ...r, preset: preset(i) }));
    withPresets.close();
    const plain = await ChunkWriter.create({ file: join(dir, 'n.h5'), index: 0, firstGlobalId: 10, metadata: metadataFor(SMALL) });
    rows.forEach((r) => plain.write(r));
    plain.close();

    const seen = runH5py(
      `
import h5py, json, sys
out = {}
for name in ('p.h5', 'n.h5'):
    f = h5py.File(sys.argv[1] + '/' + name, 'r')
    out[name] = {k: [v.decode() if isinstance(v, bytes) else v for v in f[k][()]] for k in ('preset_files', 'preset_sha256') if k in f}
    out[name + ' keys'] = sorted(f.keys())
print(json.dumps(out))
`,
      dir,
    ) as Record<string, unknown>;
    expect(seen['p.h5']).toEqual({ preset_files: rows.map((_, i) => preset(i).file), preset_sha256: rows.map((_, i) => preset(i).sha256) });
    expect(seen['n.h5']).toEqual({});
    expect(seen['n.h5 keys']).not.toContain('preset_files');
    const h5 = await loadH5wasm();
    expect(readBackChunk(h5, join(dir, 'p.h5'), { index: 0, firstGlobalId: 10, numSamples: 4, formatVersion: DATASET_FORMAT_VERSION })).toBeUndefined();
  });

  it('a chunk mixing rows with and without a preset is refused at the row, naming it', async () => {
    const dir = tempDir();
    const [a, b] = makeRows(SMALL, 0, 2);
    const w = await ChunkWriter.create({ file: join(dir, 'mixed.h5'), index: 0, firstGlobalId: 0, metadata: metadataFor(SMALL) });
    w.write({ ...a!, preset: preset(0) });
    expect(() => w.write(b!)).toThrow(RowShapeError);
    expect(() => w.write(b!)).toThrow(/row 1: preset: expected a preset \{file, sha256\}/);
    w.abort();
  });
});
