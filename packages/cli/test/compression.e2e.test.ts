import { cpSync, existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedDatasetReader } from '@vstds/reader';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/index';
import { captureIO, cleanupTempDirs, digestDataset, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

// Real rows: mda JX10 (Debian's mda-lv2), 6 rows of 1 s stereo in two chunk files.
const base = {
  plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10', num_samples: 6, samples_per_file: 3,
  num_workers: 1, seed: 11, signal_duration_seconds: 1, note_duration_seconds: 0.5,
};
const dir = tempDir('codecs');

interface Manifest {
  compression: string;
  codecs: Record<string, { codec: string; level: number | null; hdf5_filter: number }>;
  chunks: { file: string; sha256: string }[];
}
const manifestOf = (out: string) => JSON.parse(readFileSync(join(dir, out, 'dataset_info.json'), 'utf8')) as Manifest;

async function generate(out: string, keys: Record<string, unknown>): Promise<Manifest> {
  const cfg = writeConfig(dir, `${out}.yaml`, { ...base, output_dir: out, ...keys });
  const io = captureIO(dir);
  const code = await main(['generate', '--config', cfg, '--quiet'], io);
  expect(io.err, `generate ${out}`).not.toMatch(/Error/);
  expect(code).toBe(0);
  return manifestOf(out);
}

/** Every array of every row as the TypeScript reader decodes it (h5py cannot read Zstd on Debian). */
async function readerDigest(out: string): Promise<string> {
  const r = await ChunkedDatasetReader.open(join(dir, out));
  const h = createHash('sha256');
  for (const id of r.globalIds()) {
    const s = await r.getSample(id);
    for (const a of [...s.audio, ...s.mel_spec, s.param_array]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    h.update(JSON.stringify(s.parameters));
  }
  r.close();
  return h.digest('hex');
}

// [config value, manifest text, codec per array, Debian h5py + hdf5plugin reads it]
const CASES: [string, unknown, string, [string, string], boolean][] = [
  ['none', 'none', 'none', ['none', 'none'], true],
  ['gzip', 'gzip:1', 'gzip:1', ['gzip:1', 'gzip:1'], true],
  ['lz4', 'lz4', 'lz4', ['lz4', 'lz4'], true],
  ['zstd', 'zstd:3', 'zstd:3', ['zstd:3', 'zstd:3'], false],
  ['blosc-lz4', 'blosc:lz4', 'blosc:lz4:5', ['blosc:lz4:5', 'blosc:lz4:5'], true],
  ['blosc-zstd', 'blosc:zstd:5', 'blosc:zstd:5', ['blosc:zstd:5', 'blosc:zstd:5'], true],
  ['per-array', { audio: 'blosc:zstd:5', mel_spec: 'blosc:lz4' }, 'audio=blosc:zstd:5, mel_spec=blosc:lz4:5', ['blosc:zstd:5', 'blosc:lz4:5'], true],
];

describe('vstds generate with each codec (real JX10 rows)', () => {
  let plain: ReturnType<typeof digestDataset>;
  let plainTs: string;

  it.each(CASES)('%s: recorded per array, shown by info, verified, decoded to the same arrays', async (out, setting, text, [audio, mel], h5py) => {
    const m = await generate(out, { compression: setting });
    expect(m.compression).toBe(text);
    expect(`${m.codecs.audio!.codec}${m.codecs.audio!.level === null ? '' : `:${m.codecs.audio!.level}`}`).toBe(audio);
    expect(`${m.codecs.mel_spec!.codec}${m.codecs.mel_spec!.level === null ? '' : `:${m.codecs.mel_spec!.level}`}`).toBe(mel);

    const info = captureIO(dir);
    expect(await main(['info', out], info)).toBe(0);
    expect(info.out).toContain(`storage:     audio ${audio}, mel_spec ${mel}`);
    const perRow = /on disk: +([\d.]+) MB per row \(raw ([\d.]+) MB, ([\d.]+)× smaller\)/.exec(info.out);
    expect(perRow, info.out).not.toBeNull();
    if (out !== 'none') expect(Number(perRow![1])).toBeLessThan(Number(perRow![2]));

    const verify = captureIO(dir);
    expect(await main(['verify', out], verify)).toBe(0);
    expect(verify.out).toBe('ok: 6 rows in 2 chunks checked\n');

    // Same rows, whatever the codec: the decoded arrays are identical to the uncompressed run's.
    const ts = await readerDigest(out);
    if (out === 'none') plainTs = ts;
    else expect(ts).toBe(plainTs);
    if (h5py) {
      const d = digestDataset(join(dir, out));
      if (out === 'none') plain = d;
      else expect(d).toEqual(plain);
    }
  }, 180_000);

  it('byte-identical chunk files with 2 workers and after a resume (blosc:zstd:5)', async () => {
    const one = manifestOf('blosc-zstd');
    const two = await generate('blosc-zstd-2w', { compression: 'blosc:zstd:5', num_workers: 2 });
    expect(two.chunks.map((c) => c.sha256)).toEqual(one.chunks.map((c) => c.sha256));
    // Resume: a chunk lost from disk is made again, to the same bytes.
    rmSync(join(dir, 'blosc-zstd-2w', one.chunks[1]!.file));
    const again = await generate('blosc-zstd-2w', { compression: 'blosc:zstd:5', num_workers: 2 });
    expect(again.chunks.map((c) => c.sha256)).toEqual(one.chunks.map((c) => c.sha256));
  }, 180_000);

  it('verify fails (exit 1) on a compressed chunk whose bytes changed, naming it', async () => {
    const m = manifestOf('blosc-lz4');
    const f = join(dir, 'blosc-lz4', m.chunks[0]!.file);
    const bytes = readFileSync(f);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(f, bytes);
    const bad = captureIO(dir);
    expect(await main(['verify', 'blosc-lz4'], bad)).toBe(1);
    expect(bad.err).toContain(`${m.chunks[0]!.file}: sha256`);
  }, 120_000);

  it('info names damaged chunks and summarises the rest; verify exits 1 naming each', async () => {
    cpSync(join(dir, 'lz4'), join(dir, 'broken'), { recursive: true });
    const m = manifestOf('broken');
    truncateSync(join(dir, 'broken', m.chunks[1]!.file), 763);
    const info = captureIO(dir);
    expect(await main(['info', 'broken'], info)).toBe(0);
    expect(info.out).toMatch(/rows: +3 of 6 \(1 of 2 chunks of 3, manifest\)/);
    expect(info.out).toContain(`damaged:     ${m.chunks[1]!.file}: size 763 bytes, manifest says`);
    const verify = captureIO(dir);
    expect(await main(['verify', 'broken'], verify)).toBe(1);
    expect(verify.err).toContain(`${m.chunks[1]!.file}: size 763 bytes`);
    expect(verify.out).toMatch(/^FAILED: 3 rows in 2 chunks checked/);
    // Nothing readable left: still exit 1, naming each.
    rmSync(join(dir, 'broken', m.chunks[0]!.file));
    const none = captureIO(dir);
    expect(await main(['verify', 'broken'], none)).toBe(1);
    expect(none.err).toContain(`${m.chunks[0]!.file} (file missing)`);
    expect(none.err).toContain(`${m.chunks[1]!.file} (size 763 bytes`);
  }, 120_000);

  it.each([
    ['lzf', '"lzf"'],
    ['zstd:30', '"zstd:30"'],
    [{ audio: 'blosc:lz4', params: 'lz4' }, '{"audio":"blosc:lz4","params":"lz4"}'],
  ])('a bad codec (%j) is one line naming the key and the choices, exit 2, nothing written', async (setting, shown) => {
    const out = `bad-${JSON.stringify(setting).replace(/\W/g, '')}`;
    const cfg = writeConfig(dir, `${out}.yaml`, { ...base, output_dir: out, compression: setting });
    const io = captureIO(dir);
    expect(await main(['generate', '--config', cfg, '--quiet'], io)).toBe(2);
    expect(io.err.split('\n')).toHaveLength(2);
    expect(io.err).toContain(
      `${out}.yaml: compression: expected none, gzip[:1..9], lz4, zstd[:1..22], blosc:lz4[:1..9], blosc:zstd[:1..9], blosc:zlib[:1..9], ` +
        `or a map {audio: CODEC, mel_spec: CODEC}, got ${shown}`,
    );
    expect(existsSync(join(dir, out))).toBe(false);
  });
});
