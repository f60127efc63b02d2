import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, loadSpec } from '@vstds/param-spec';
import { ChunkedDatasetReader } from '@vstds/reader';
import { loadPlugin } from '@vstds/vst-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, collect, digestDataset, pluginsDir, repoRoot, spawnCli, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

// Preset datasets: a folder of presets saved from Nekobi at known values, one corrupt file and one
// Kars preset (another plugin). Rows follow the loadable presets in name order; the two others
// are skipped and listed in faults.jsonl.
const spec = loadSpec('nekobi');
const known = [
  { waveform: 1, tuning: 0.5, cutoff: 0.8, vcf_resonance: 0.1, env_mod: 0.6, decay: 0.3, accent: 0.2, volume: 0.9 },
  { waveform: 0, tuning: 0.52, cutoff: 0.2, vcf_resonance: 0.9, env_mod: 0.1, decay: 0.7, accent: 0.5, volume: 0.6 },
  { waveform: 1, tuning: 0.45, cutoff: 0.5, vcf_resonance: 0.5, env_mod: 0.9, decay: 0.5, accent: 0.8, volume: 0.7 },
];
/** A .clap file whose factory lists no plugin (tools/fixtures/clap-empty), built with the CLAP headers setup unpacked. */
function emptyClap(): string {
  const headers = readdirSync(join(repoRoot, '.plugins/cache')).find((d) => d.startsWith('dpf-plugins-'))!;
  const out = join(tempDir('empty-clap'), 'Empty.clap');
  execFileSync('cc', ['-shared', '-fPIC', '-o', out, join(repoRoot, 'tools/fixtures/clap-empty/clap-empty.c'), '-I', join(repoRoot, '.plugins/cache', headers, 'dpf/distrho/src')]);
  return out;
}
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function presetFolder(dir: string, plugin: string, foreign: string, ext: string, keep: (v: (typeof known)[number]) => Record<string, number>) {
  const folder = join(dir, 'presets');
  mkdirSync(join(folder, 'bank'), { recursive: true });
  const maker = await loadPlugin(plugin);
  const names = ['a_bright', 'c_dark', 'd_mid'];
  known.forEach((v, i) => {
    maker.setParameters(keep(v));
    maker.savePreset(join(folder, `${names[i]}${ext}`));
  });
  maker.close();
  writeFileSync(join(folder, `b_corrupt${ext}`), 'not a preset');
  const other = await loadPlugin(foreign);
  other.savePreset(join(folder, `z_kars${ext}`));
  other.close();
  writeFileSync(join(folder, 'notes.txt'), 'ignored');
  return { folder, files: names.map((n) => `${n}${ext}`) };
}

// Nekobi VST3's stepped Waveform set by setParameters does not persist into its saved state:
// its VST3 presets keep the default (0); the CLAP build keeps it.
describe.each([
  ['VST3', join(pluginsDir, 'Nekobi.vst3'), join(pluginsDir, 'Kars.vst3'), '.vstpreset', (v: (typeof known)[number]) => ({ ...v, waveform: 0 })],
  ['CLAP', join(repoRoot, '.plugins/clap/Nekobi.clap'), join(repoRoot, '.plugins/clap/Kars.clap'), '.clapstate', (v: (typeof known)[number]) => v],
])('a preset dataset from Nekobi %s presets', (format, plugin, foreign, ext, keep) => {
  const dir = tempDir(`presets-${format}`);
  let folder: string;
  let files: string[];
  const config = (name: string, workers: number, extra: Record<string, unknown> = {}) =>
    writeConfig(dir, `${name}.yaml`, {
      plugin_path: plugin,
      param_spec: 'nekobi',
      preset_dir: 'presets',
      output_dir: name,
      samples_per_file: 2,
      num_workers: workers,
      seed: 5,
      signal_duration_seconds: 1,
      note_duration_seconds: 0.5,
      ...extra,
    });

  beforeAll(async () => {
    ({ folder, files } = await presetFolder(dir, plugin, foreign, ext, keep));
  }, 120_000);

  it('one row per loadable preset, decoding back to its values, named and hashed per row; bad presets skipped into faults.jsonl', async () => {
    const r = await collect(spawnCli(['generate', '--config', config('one', 1), '--quiet']));
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const out = join(dir, 'one');
    const digest = digestDataset(out);
    expect(digest.rows).toBe(3);
    expect(digest.dtypes).toMatchObject({ preset_files: 'str', preset_sha256: 'str' });

    const faults = readFileSync(join(out, 'faults.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(faults.map((f) => [f.kind, f.file, f.code])).toEqual([
      ['preset-load', `b_corrupt${ext}`, 'E_PRESET_FORMAT'],
      ['preset-load', `z_kars${ext}`, 'E_PRESET_MISMATCH'],
    ]);
    expect(faults[1].sha256).toBe(sha256(join(folder, `z_kars${ext}`)));
    expect(faults[1].message).toMatch(/z_kars.*(Kars|plugin class)/);
    const table = JSON.parse(readFileSync(join(out, 'presets.json'), 'utf8'));
    expect(table.presets.map((p: { file: string }) => p.file)).toEqual(files);
    expect(table.presets.every((p: { out_of_spec: unknown[] }) => p.out_of_spec.length === 0)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8'));
    expect(manifest.total_samples).toBe(3);

    // h5py: param_array decodes back to the saved values; preset names and hashes per row.
    const stored = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', `
import h5py, hdf5plugin, json, sys
rows = []
for name in ('dataset_0000.h5', 'dataset_0001.h5'):
    f = h5py.File(sys.argv[1] + '/' + name, 'r')
    for i in range(f['global_ids'].shape[0]):
        rows.append({'id': int(f['global_ids'][i]), 'params': f['param_array'][i].tolist(),
                     'file': f['preset_files'][i].decode(), 'sha256': f['preset_sha256'][i].decode()})
print(json.dumps(rows))`, out], { encoding: 'utf8' }),
    ) as { id: number; params: number[]; file: string; sha256: string }[];
    expect(stored.map((s) => s.id)).toEqual([0, 1, 2]);
    stored.forEach((s, i) => {
      expect(s.file).toBe(files[i]);
      expect(s.sha256).toBe(sha256(join(folder, files[i]!)));
      const decoded = decode(spec, s.params).synthParams;
      for (const [name, v] of Object.entries(keep(known[i]!))) expect(decoded[name]).toBeCloseTo(v, 4);
    });

    // @vstds/reader and the Python reader expose the same per-row preset.
    const reader = await ChunkedDatasetReader.open(out);
    try {
      for (let i = 0; i < 3; i++) expect((await reader.getSample(i)).preset).toEqual({ file: stored[i]!.file, sha256: stored[i]!.sha256 });
    } finally {
      reader.close();
    }
    const py = execFileSync('/usr/bin/python3', ['-c', `
import json, sys
sys.path.insert(0, sys.argv[2])
from vstds_data import ChunkedDatasetReader
r = ChunkedDatasetReader(sys.argv[1])
print(json.dumps([r.get_sample(i)['preset'] for i in range(3)]))`, out, join(repoRoot, 'python')], { encoding: 'utf8' });
    expect(JSON.parse(py)).toEqual(stored.map((s) => ({ file: s.file, sha256: s.sha256 })));

    // Two workers: the same bytes.
    const two = await collect(spawnCli(['generate', '--config', config('two', 2), '--quiet']));
    expect(two.code).toBe(0);
    expect(digestDataset(join(dir, 'two'))).toEqual(digest);
  }, 600_000);

  if (format !== 'VST3') return;

  it('num_samples beyond the presets cycles them with new notes; kill -9 and resume give the same bytes', async () => {
    const whole = await collect(spawnCli(['generate', '--config', config('whole', 2, { num_samples: 12 }), '--quiet']));
    expect(whole.code).toBe(0);
    const reference = digestDataset(join(dir, 'whole'));
    expect(reference.rows).toBe(12);

    const cfg = config('killed', 2, { num_samples: 12 });
    const out = join(dir, 'killed');
    const chunksListed = () =>
      existsSync(join(out, 'dataset_info.json')) ? (JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8')).chunks as unknown[]).length : 0;
    const child = spawnCli(['generate', '--config', cfg, '--quiet']);
    const done = collect(child);
    while (chunksListed() < 2) {
      if (child.exitCode !== null) throw new Error(`run ended before it could be killed: ${(await done).stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(chunksListed()).toBeLessThan(6);
    const final = await collect(spawnCli(['generate', '--config', cfg, '--quiet']));
    expect(final.stderr).toMatch(/resuming/);
    expect(final.code).toBe(0);
    expect(digestDataset(out)).toEqual(reference);
    // The corrupt and foreign presets were recorded once, by the run that made the table.
    expect(readFileSync(join(out, 'faults.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);

    // Rows i and i + 3 share a preset (name and hash), not their notes.
    const rows = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', `
import h5py, json, sys, glob
rows = []
for name in sorted(glob.glob(sys.argv[1] + '/dataset_*.h5')):
    f = h5py.File(name, 'r')
    rows += [[f['preset_files'][i].decode(), int(f['midi_notes'][i])] for i in range(f['global_ids'].shape[0])]
print(json.dumps(rows))`, out], { encoding: 'utf8' }),
    ) as [string, number][];
    expect(rows.map((r) => r[0])).toEqual([...files, ...files, ...files, ...files]);
    expect(new Set(rows.filter((r) => r[0] === files[0]).map((r) => r[1])).size).toBeGreaterThan(1);

    // A preset folder that changed since the dataset was started: one line naming the file, exit 2.
    const path = join(folder, files[1]!);
    const original = readFileSync(path);
    writeFileSync(path, Buffer.concat([original, Buffer.from('x')]));
    try {
      const changed = await collect(spawnCli(['generate', '--config', cfg, '--quiet']));
      expect(changed.code).toBe(2);
      expect(changed.stderr.trim().split('\n')).toHaveLength(1);
      expect(changed.stderr).toContain(`${files[1]}: the preset folder changed since the dataset was started`);
    } finally {
      writeFileSync(path, original);
    }
  }, 600_000);

  it('bad preset input is refused before any render: one line naming the key or file, exit 2', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const foreignOnly = join(dir, 'foreign-only');
    mkdirSync(foreignOnly, { recursive: true });
    writeFileSync(join(foreignOnly, `z_kars${ext}`), readFileSync(join(folder, `z_kars${ext}`)));
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['not-a-dir', { preset_dir: join(folder, files[0]!) }, /preset_dir: expected a directory of preset files/],
      ['missing-dir', { preset_dir: 'no-such-folder' }, /preset_dir: expected a directory of preset files/],
      ['empty', { preset_dir: 'empty' }, /empty: no \.vstpreset files/],
      ['foreign-only', { preset_dir: 'foreign-only' }, /foreign-only: none of the 1 presets loads.*z_kars/],
      ['foreign-preset-path', { preset_dir: undefined, preset_path: join(folder, `z_kars${ext}`), num_samples: 2 }, /z_kars\.vstpreset/],
      ['empty-clap', { plugin_path: emptyClap() }, /Empty\.clap: the CLAP file contains no plugin/],
      ['with-effects', { effects: [{ plugin_path: join(pluginsDir, 'MVerb.vst3'), param_spec: join(repoRoot, 'tools/fixtures/effects/mverb_spec.yaml') }] }, /preset_dir: expected no effects/],
    ];
    for (const [name, extra, message] of cases) {
      const keys = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
      const cfg = config(name, 1, keys);
      if (extra.preset_dir === undefined && 'preset_dir' in extra) {
        writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/^preset_dir:.*\n/m, ''));
      }
      const r = await collect(spawnCli(['generate', '--config', cfg, '--quiet']));
      expect([name, r.code]).toEqual([name, 2]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      // Nothing that looks like a dataset was left behind.
      const out = join(dir, name);
      expect(existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.h5')) : []).toEqual([]);
    }
  }, 600_000);
});
