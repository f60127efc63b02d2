import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkedDatasetReader, openSplit } from '@vstds/reader';
import { generateWithCli } from '../../../tools/fixtures/splits/cli-dataset';
import {
  DamagedChunkError, IncompleteDatasetError, OutputExistsError, SPLIT_NAMES, SplitRatioError, type SplitManifest,
  assignSplits, writeSplits, writeStats,
} from '../src/index';

const py = (script: string, ...args: string[]) =>
  JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 }));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

let root: string;
let dir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vstds-splits-'));
  dir = generateWithCli(root, 20, 6);
}, 600_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('assignSplits', () => {
  it('is disjoint, covers every row once, has the rounded counts and follows the seed', () => {
    const a = assignSplits(1003, { val: 0.1, test: 0.05 }, 9n);
    expect([a.ids.train.length, a.ids.val.length, a.ids.test.length]).toEqual([1003 - 100 - 50, 100, 50]);
    const all = [...a.ids.train, ...a.ids.val, ...a.ids.test].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 1003 }, (_, i) => i));
    for (const s of SPLIT_NAMES) expect([...a.ids[s]]).toEqual([...a.ids[s]].sort((x, y) => x - y));
    expect(assignSplits(1003, { val: 0.1, test: 0.05 }, 9n).ids.val).toEqual(a.ids.val);
    expect(assignSplits(1003, { val: 0.1, test: 0.05 }, 10n).ids.val).not.toEqual(a.ids.val);
  });

  it('assigns whole blocks of rows beyond 4096 rows, so a split file maps few runs', () => {
    const total = 100_003;
    const a = assignSplits(total, { val: 0.1, test: 0.1 }, 42n);
    expect(a.blockRows).toBe(32);
    const blocks = Math.ceil(total / 32);
    const split = new Int8Array(total).fill(-1);
    SPLIT_NAMES.forEach((s, k) => a.ids[s].forEach((id) => (split[id] = split[id] === -1 ? k : 9)));
    expect([...split].every((k) => k >= 0 && k <= 2)).toBe(true);
    expect(split.every((k, id) => k === split[Math.floor(id / 32) * 32])).toBe(true);
    expect(a.ids.test.length).toBeGreaterThanOrEqual((Math.round(blocks * 0.1) - 1) * 32);
    expect(a.ids.test.length).toBeLessThanOrEqual(Math.round(blocks * 0.1) * 32);
  });

  it('rejects ratios that leave no train rows, with the numbers', () => {
    expect(() => assignSplits(20, { val: 0.5, test: 0.5 }, 1n)).toThrow(SplitRatioError);
    expect(() => assignSplits(20, { val: 0.5, test: 0.5 }, 1n)).toThrow('leave 0 of 20 rows for train (val 10, test 10)');
    expect(() => assignSplits(20, { val: 1.5, test: 0 }, 1n)).toThrow('--val: expected a fraction in [0, 1), got 1.5');
  });
});

describe('writeSplits + writeStats on a dataset made by the CLI', () => {
  it('writes virtual train/val/test files that h5py slices like plain datasets, with the chunk rows', async () => {
    const { record } = writeSplits(dir, { val: 0.2, test: 0.1 });
    expect(record.counts).toEqual({ train: 14, val: 4, test: 2 });
    const manifest = JSON.parse(readFileSync(join(dir, 'dataset_info.json'), 'utf8')) as SplitManifest;
    expect(manifest.splits).toEqual(record);
    // Every dataset of the chunk schema, virtual, relative sources, rows equal to the chunk rows by id.
    const out = py(
      `
import sys, json, h5py, numpy as np
d = sys.argv[1]
m = json.load(open(d + '/dataset_info.json'))
chunks = {c['first_global_id']: h5py.File(d + '/' + c['file'], 'r') for c in m['chunks']}
spf = m['samples_per_file']
res = {}
for s in ('train', 'val', 'test'):
    f = h5py.File(d + '/' + s + '.h5', 'r')
    ids = f['global_ids'][:].tolist()
    ok = {}
    for k in f:
        src = [chunks[(i // spf) * spf][k][i % spf] for i in ids]
        got = [f[k][j] for j in range(len(ids))]
        ok[k] = all(np.array_equal(a, b) for a, b in zip(src, got)) and f[k].is_virtual
    whole = f['mel_spec'][:]
    res[s] = {'ids': ids, 'ok': ok, 'rel': all('/' not in v.file_name for v in f['audio'].virtual_sources()),
              'attrs': sorted(f.attrs.keys()), 'audio_attrs': sorted(f['audio'].attrs.keys()), 'split': f.attrs['split'],
              'shape': list(whole.shape), 'slice_ok': bool(np.array_equal(whole[1:3], f['mel_spec'][1:3]))}
print(json.dumps(res))
`,
      dir,
    );
    const ids = SPLIT_NAMES.flatMap((s) => out[s].ids as number[]).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => i));
    for (const s of SPLIT_NAMES) {
      expect(out[s].ok).toEqual({ audio: true, global_ids: true, mel_spec: true, midi_notes: true, param_array: true, parameters: true, peaks: true, velocities: true });
      expect(out[s].rel).toBe(true);
      expect(out[s].split).toBe(s);
      expect(out[s].attrs).toEqual(expect.arrayContaining(['param_names', 'param_spec', 'plugin', 'seed', 'split', 'num_samples', 'split_seed']));
      expect(out[s].attrs).not.toContain('chunk_index');
      expect(out[s].audio_attrs).toEqual(expect.arrayContaining(['sample_rate', 'channels', 'min_loudness']));
      expect(out[s].slice_ok).toBe(true);
    }
    expect(out.train.shape[0]).toBe(14);

    // The TypeScript reader opens the split with h5wasm and returns what h5py and the chunk reader return.
    const split = await openSplit(dir, 'val');
    const reader = await ChunkedDatasetReader.open(dir);
    try {
      expect(split.globalIds()).toEqual(out.val.ids);
      for (let i = 0; i < split.numSamples; i++) {
        const a = await split.getSample(i);
        const b = await reader.getSample(a.global_id);
        expect(a.global_id).toBe(out.val.ids[i]);
        expect(a.chunk_index).toBe(b.chunk_index);
        expect(a.mel_spec).toEqual(b.mel_spec);
        expect(a.audio).toEqual(b.audio);
        expect(a.param_array).toEqual(b.param_array);
        expect(a.params).toEqual(b.params);
        expect(a.parameters).toEqual(b.parameters);
        expect([a.midi_note, a.velocity]).toEqual([b.midi_note, b.velocity]);
      }
      expect(split.attributes().split).toBe('val');
    } finally {
      split.close();
      reader.close();
    }
  });

  it('writes stats.npz equal to numpy mean/std(ddof=1) over train.h5, np.load-able', () => {
    const stats = writeStats(dir, { overwrite: true, batchRows: 4 });
    expect(stats.rows).toBe(14);
    const r = py(
      `
import sys, json, h5py, numpy as np
d = sys.argv[1]
m = h5py.File(d + '/train.h5', 'r')['mel_spec'][:].astype(np.float64)
z = np.load(d + '/stats.npz')
mean, std = z['mean'], z['std']
print(json.dumps({'files': sorted(z.files), 'dtype': [str(mean.dtype), str(std.dtype)], 'shape': list(mean.shape), 'row': list(m.shape[1:]),
  'count': int(z['count']),
  'mean': bool(np.allclose(mean, m.mean(axis=0), rtol=1e-5, atol=0)), 'std': bool(np.allclose(std, m.std(axis=0, ddof=1), rtol=1e-5, atol=0)),
  'std_positive': int((std > 0).sum())}))
`,
      dir,
    );
    expect(r).toMatchObject({ files: ['count', 'mean', 'std'], dtype: ['float32', 'float32'], count: 14, mean: true, std: true });
    expect(r.shape).toEqual(r.row);
    expect(r.std_positive).toBeGreaterThan(0);
  });

  it('same seed → same split bytes; the directory moves and still reads', () => {
    const before = SPLIT_NAMES.map((s) => sha(join(dir, `${s}.h5`)));
    writeSplits(dir, { val: 0.2, test: 0.1, overwrite: true });
    expect(SPLIT_NAMES.map((s) => sha(join(dir, `${s}.h5`)))).toEqual(before);
    const moved = join(root, 'moved');
    cpSync(dir, moved, { recursive: true });
    renameSync(dir, join(root, 'away'));
    try {
      const n = py(`import sys, h5py; f = h5py.File(sys.argv[1] + '/train.h5', 'r'); print(int(f['mel_spec'][:].shape[0]) + 0 * int(f['audio'][-1].sum()))`, moved);
      expect(n).toBe(14);
    } finally {
      renameSync(join(root, 'away'), dir);
    }
  });

  it('refuses to overwrite without overwrite, leaving the files as they were', () => {
    const before = sha(join(dir, 'train.h5'));
    expect(() => writeSplits(dir, { val: 0.3, test: 0.1 })).toThrow(OutputExistsError);
    expect(() => writeStats(dir)).toThrow(/stats\.npz: already exists/);
    expect(sha(join(dir, 'train.h5'))).toBe(before);
  });

  it('names missing chunks of an incomplete dataset and a damaged (truncated) chunk', () => {
    const copy = join(root, 'broken');
    cpSync(dir, copy, { recursive: true });
    const mpath = join(copy, 'dataset_info.json');
    const m = JSON.parse(readFileSync(mpath, 'utf8')) as SplitManifest;
    writeFileSync(mpath, JSON.stringify({ ...m, chunks: m.chunks.filter((c) => c.index !== 2) }));
    expect(() => writeSplits(copy, { overwrite: true })).toThrow(IncompleteDatasetError);
    expect(() => writeSplits(copy, { overwrite: true })).toThrow(/1 missing chunk: dataset_0002\.h5/);
    writeFileSync(mpath, JSON.stringify(m));
    const victim = join(copy, 'dataset_0001.h5');
    truncateSync(victim, Math.floor(statSync(victim).size / 2));
    let err: unknown;
    try {
      writeSplits(copy, { overwrite: true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DamagedChunkError);
    expect((err as DamagedChunkError).file).toBe(victim);
    expect((err as Error).message).toContain(`${victim}: damaged chunk: size`);
    // Same refusal when the manifest's size agrees but the file is not HDF5 any more.
    writeFileSync(victim, Buffer.alloc(m.chunks[1]!.bytes));
    expect(() => writeSplits(copy, { overwrite: true })).toThrow(new RegExp(`${victim}: damaged chunk: not a readable HDF5 file`));
  });
});

describe('README', () => {
  it('its example runs on a dataset made by the CLI and prints what the comments say', async () => {
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(readme)![1]!;
    // Run from the repo's tmp/ so '@vstds/splits' resolves like a user's import (to src/ here).
    const tmpDir = join(__dirname, '../../../tmp/readme-examples');
    mkdirSync(tmpDir, { recursive: true });
    const file = join(tmpDir, 'splits.mjs');
    writeFileSync(file, code);
    const copy = join(root, 'readme');
    cpSync(dir, copy, { recursive: true });
    const stdout = execFileSync(process.execPath, ['--conditions=@vstds/source', '--import', 'tsx', file, copy], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    expect(stdout.trim().split('\n')).toEqual(['{ train: 14, val: 4, test: 2 }', '14 3', '4 true']);
  });
});
