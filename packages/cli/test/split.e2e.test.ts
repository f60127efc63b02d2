import { existsSync, readFileSync, writeFileSync, cpSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/index';
import { cleanupTempDirs, captureIO, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

let root: string;
let dir: string;

beforeAll(async () => {
  root = tempDir('split');
  const config = writeConfig(root, 'config.yaml', {
    plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10', output_dir: 'ds', num_samples: 12,
    samples_per_file: 5, num_workers: 1, seed: 5, signal_duration_seconds: 1, note_duration_seconds: 0.5, min_loudness: -55,
  });
  const io = captureIO(root);
  expect(await main(['generate', '--config', config], io), io.err).toBe(0);
  dir = join(root, 'ds');
}, 600_000);

describe('vstds split / vstds stats', () => {
  it('split writes the three split files and stats.npz, and records the split', async () => {
    const io = captureIO(root);
    expect(await main(['split', 'ds', '--val', '0.25', '--test', '0.25', '--seed', '3'], io), io.err).toBe(0);
    expect(io.out).toContain(`vstds split: ${dir}: train 6, val 3, test 3 rows (seed 3)`);
    expect(io.out).toContain('stats.npz: mean and std of mel_spec over 6 train rows');
    for (const f of ['train.h5', 'val.h5', 'test.h5', 'stats.npz']) expect(existsSync(join(dir, f))).toBe(true);
    const m = JSON.parse(readFileSync(join(dir, 'dataset_info.json'), 'utf8'));
    expect(m.splits).toMatchObject({ algorithm: 'vstds-split-v1', seed: 3, val: 0.25, test: 0.25, counts: { train: 6, val: 3, test: 3 } });
    expect(m.stats).toMatchObject({ file: 'stats.npz', split: 'train', rows: 6 });
  });

  it('refuses existing outputs without --overwrite (exit 1), replaces them with it', async () => {
    const before = statSync(join(dir, 'train.h5')).mtimeMs;
    const io = captureIO(root);
    expect(await main(['split', dir], io)).toBe(1);
    expect(io.err).toMatch(/train\.h5, .*val\.h5, .*test\.h5, .*stats\.npz: already exist; expected no such file \(use --overwrite to replace\)/);
    expect(statSync(join(dir, 'train.h5')).mtimeMs).toBe(before);
    const stats = captureIO(root);
    expect(await main(['stats', dir], stats)).toBe(1);
    expect(await main(['stats', dir, '--overwrite'], stats), stats.err).toBe(0);
    expect(stats.out).toContain('over 6 train rows');
  });

  it('rejects ratios that leave no train rows with the numbers (exit 2) and bad flags', async () => {
    const io = captureIO(root);
    expect(await main(['split', dir, '--val', '0.6', '--test', '0.5', '--overwrite'], io)).toBe(2);
    expect(io.err).toBe('vstds split: --val 0.6 and --test 0.5 leave -1 of 12 rows for train (val 7, test 6); expected at least one train row: lower --val/--test\n');
    const bad = captureIO(root);
    expect(await main(['split', dir, '--val', 'lots'], bad)).toBe(2);
    expect(bad.err).toBe('vstds split: --val: expected a number, got "lots"\n');
  });

  it('refuses an incomplete dataset naming the missing chunk, and stats before any split', async () => {
    const copy = join(root, 'incomplete');
    cpSync(dir, copy, { recursive: true });
    const mpath = join(copy, 'dataset_info.json');
    const m = JSON.parse(readFileSync(mpath, 'utf8'));
    const { splits: _s, stats: _t, ...plain } = m;
    writeFileSync(mpath, JSON.stringify({ ...plain, chunks: m.chunks.filter((c: { index: number }) => c.index !== 1) }));
    const io = captureIO(root);
    expect(await main(['split', copy, '--overwrite'], io)).toBe(1);
    expect(io.err).toBe(
      `IncompleteDatasetError: ${copy}: expected a complete dataset, got 1 missing chunk: dataset_0001.h5 (finish it with vstds generate, or vstds finalize after shards)\n`,
    );
    writeFileSync(mpath, JSON.stringify(plain));
    const stats = captureIO(root);
    expect(await main(['stats', copy, '--overwrite'], stats)).toBe(1);
    expect(stats.err).toContain('splits: expected a split record (run vstds split DIR first), got none');
  });
});
