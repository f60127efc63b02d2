// The README's custom pipeline (examples/custom-pipeline.ts, with the stage module
// examples/high-notes-stages.ts), run as users run it: a separate process on 2 worker processes.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, loadConfig } from '@vstds/pipeline';
import { cleanupTempDirs, collect, digestDataset, pluginsDir, repoRoot, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

const example = join(__dirname, '../examples/custom-pipeline.ts');
function runExample(out: string, ...args: string[]) {
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href;
  return spawn(process.execPath, ['--import', tsx, example, out, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}
const midiNotes = (dir: string): number[] =>
  JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', `
import h5py, json, sys
info = json.load(open(sys.argv[1] + "/dataset_info.json"))
notes = []
for c in sorted(info["chunks"], key=lambda c: c["index"]):
    with h5py.File(sys.argv[1] + "/" + c["file"], "r") as f:
        notes += [int(x) for x in f["midi_notes"][:]]
print(json.dumps(notes))`, dir], { encoding: 'utf8' }),
  );

describe('README custom pipeline', () => {
  const dir = tempDir('custom');
  let whole: ReturnType<typeof digestDataset>;

  it('is the code the README shows', () => {
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    for (const file of ['custom-pipeline.ts', 'high-notes-stages.ts']) {
      const code = readFileSync(join(__dirname, '../examples', file), 'utf8');
      expect(readme).toContain(code.trim());
    }
  });

  it('runs on 2 workers with progress; its rows satisfy the added filter stage', async () => {
    const r = await collect(runExample(join(dir, 'whole')));
    expect(r.stderr).toMatch(/16\/16 rows accepted/);
    expect(r.code).toBe(0);
    const notes = midiNotes(join(dir, 'whole'));
    expect(notes).toHaveLength(16);
    expect(notes.every((n) => n >= 60)).toBe(true);
    whole = digestDataset(join(dir, 'whole'));
    expect(whole.rows).toBe(16);
  }, 300_000);

  it('killed with kill -9 mid-run and rerun, resumes to the same bytes', async () => {
    const out = join(dir, 'killed');
    const child = runExample(out);
    const done = collect(child);
    const listed = () => (existsSync(join(out, 'dataset_info.json')) ? JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8')).chunks.length : 0);
    while (!(listed() >= 1 && readdirSync(out).some((f) => f.endsWith('.partial')))) {
      if (child.exitCode !== null) throw new Error(`ended before it could be killed: ${(await done).stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(listed()).toBe(1);
    const rerun = await collect(runExample(out));
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/^9\/16 rows accepted/m); // the rerun starts after the finished chunk
    expect(digestDataset(out)).toEqual(whole);
  }, 300_000);

  it('with the default stages, writes the same arrays as vstds generate for the same config', async () => {
    const r = await collect(runExample(join(dir, 'default'), '--default-stages'));
    expect(r.code).toBe(0);
    const cfg = writeConfig(dir, 'same.yaml', {
      plugin_path: join(pluginsDir, 'Nekobi.vst3'), param_spec: 'nekobi', output_dir: 'generated', num_samples: 16, samples_per_file: 8,
      num_workers: 2, seed: 5, signal_duration_seconds: 2, note_duration_seconds: 1, velocity: 100, min_loudness: -55,
    });
    await generate(loadConfig(cfg));
    const custom = digestDataset(join(dir, 'default'));
    expect(custom).toEqual(digestDataset(join(dir, 'generated')));
    expect(custom.sha256.mel_spec).not.toBe(whole.sha256.mel_spec); // the swapped mel stage did change something
  }, 300_000);
});
