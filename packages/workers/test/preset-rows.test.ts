import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decode, loadSpec } from '@vstds/param-spec';
import { listPresetFiles, loadPlugin } from '@vstds/vst-host';
import { from, lastValueFrom, toArray } from 'rxjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  checkPresets,
  inWorkers,
  NoLoadablePresetsError,
  PresetChangedError,
  presetDraw,
  redraw,
  type RenderPool,
  type RenderSettings,
  rowDraw,
  startRenderPool,
  toChunkRow,
  verifyPresetFolder,
} from '../src/index';

const root = resolve(__dirname, '../../..');
const nekobiClap = join(root, '.plugins/clap/Nekobi.clap');
const karsClap = join(root, '.plugins/clap/Kars.clap');
const spec = loadSpec('nekobi');
const known = [
  { waveform: 1, tuning: 0.5, cutoff: 0.8, vcf_resonance: 0.1, env_mod: 0.6, decay: 0.3, accent: 0.2, volume: 0.9 },
  { waveform: 0, tuning: 0.52, cutoff: 0.2, vcf_resonance: 0.9, env_mod: 0.1, decay: 0.7, accent: 0.5, volume: 0.6 },
];
const settings: RenderSettings = { pluginPath: nekobiClap, presetPath: null, sampleRate: 44100, blockSize: 512, channels: 2, seconds: 1, minLoudness: -70 };
const draw = { seed: 9, signalDurationSeconds: 1, noteDurationSeconds: 0.5, velocity: 100 as const };

const dirs: string[] = [];
let pools: RenderPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Nekobi CLAP presets at the known values (a_, c_), a corrupt file (b_) and a Kars preset (d_). */
async function presetFolder(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vstds-workers-presets-'));
  dirs.push(dir);
  const maker = await loadPlugin(nekobiClap);
  maker.setParameters(known[0]!);
  maker.savePreset(join(dir, 'a_first.clapstate'));
  maker.setParameters(known[1]!);
  maker.savePreset(join(dir, 'c_second.clapstate'));
  maker.close();
  writeFileSync(join(dir, 'b_corrupt.clapstate'), 'not a CLAP state');
  const kars = await loadPlugin(karsClap);
  kars.savePreset(join(dir, 'd_kars.clapstate'));
  kars.close();
  return dir;
}

describe('preset rows in the workers', () => {
  it('load-checks a folder, skips what does not load, and renders rows that decode back to the presets', async () => {
    const dir = await presetFolder();
    const pool = await startRenderPool({ settings, spec, workers: 2, timeoutMs: 120_000 });
    pools.push(pool);
    const files = listPresetFiles(dir, 'clap');
    const table = await checkPresets(pool, spec, dir, files);
    expect(table.presets.map((p) => p.file)).toEqual(['a_first.clapstate', 'c_second.clapstate']);
    expect(table.presets.every((p) => p.outOfSpec.length === 0)).toBe(true);
    expect(table.skipped.map((s) => [s.file, s.code])).toEqual([
      ['b_corrupt.clapstate', 'E_PRESET_FORMAT'],
      ['d_kars.clapstate', 'E_PRESET_MISMATCH'],
    ]);
    expect(table.skipped[1]!.message).toMatch(/Kars|kars/);

    const rows = await lastValueFrom(
      from([0, 1, 2, 3]).pipe(redraw(inWorkers(pool), { draw: presetDraw(spec, draw, dir, table), maxAttempts: 10 }), toArray()),
    );
    expect(rows.map((r) => r.job.id)).toEqual([0, 1, 2, 3]);
    rows.forEach((r) => {
      const values = known[r.job.id % 2]!;
      expect(r.job.preset).toEqual({ path: join(dir, table.presets[r.job.id % 2]!.file), file: table.presets[r.job.id % 2]!.file, sha256: table.presets[r.job.id % 2]!.sha256 });
      expect(toChunkRow(r).preset).toEqual({ file: table.presets[r.job.id % 2]!.file, sha256: table.presets[r.job.id % 2]!.sha256 });
      const decoded = decode(spec, r.job.encoded).synthParams;
      for (const [name, v] of Object.entries(values)) expect(decoded[name]).toBeCloseTo(v, 5);
      // Notes come from the row PRNG exactly where a random row draws them.
      expect(r.job.noteParams).toEqual(rowDraw(spec, draw)(r.job.id, r.job.attempt).noteParams);
    });
    const bytes = (a: Uint16Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    // Rows 0 and 2 share a preset but not their notes; rows 0 and 1 differ in preset.
    expect(bytes(rows[0]!.row.audio)).not.toBe(bytes(rows[1]!.row.audio));

    // The same rows on one worker, in another order: the same bytes.
    const one = await startRenderPool({ settings, spec, workers: 1, timeoutMs: 120_000 });
    pools.push(one);
    const again = await lastValueFrom(
      from([3, 1, 2, 0]).pipe(redraw(inWorkers(one), { draw: presetDraw(spec, draw, dir, table), maxAttempts: 10 }), toArray()),
    );
    for (const r of again) expect(bytes(r.row.audio)).toBe(bytes(rows[r.job.id]!.row.audio));
  }, 300_000);

  it('a folder that changed since the table was made is named; a folder where nothing loads is refused', async () => {
    const dir = await presetFolder();
    const pool = await startRenderPool({ settings, spec, workers: 1, timeoutMs: 120_000 });
    pools.push(pool);
    const table = await checkPresets(pool, spec, dir, listPresetFiles(dir, 'clap'));
    expect(() => verifyPresetFolder(dir, 'clap', table)).not.toThrow();
    writeFileSync(join(dir, 'e_new.clapstate'), 'x');
    expect(() => verifyPresetFolder(dir, 'clap', table)).toThrow(PresetChangedError);
    expect(() => verifyPresetFolder(dir, 'clap', table)).toThrow(/e_new\.clapstate: .*was added/);
    rmSync(join(dir, 'e_new.clapstate'));
    writeFileSync(join(dir, 'c_second.clapstate'), 'changed');
    expect(() => verifyPresetFolder(dir, 'clap', table)).toThrow(/c_second\.clapstate: .*expected sha256/);
    // A row job whose preset changed under the run errors the stream instead of rendering it.
    await expect(lastValueFrom(from([1]).pipe(redraw(inWorkers(pool), { draw: presetDraw(spec, draw, dir, table), maxAttempts: 3 })))).rejects.toThrow(
      /c_second\.clapstate: the preset folder changed/,
    );

    const foreign = mkdtempSync(join(tmpdir(), 'vstds-workers-foreign-'));
    dirs.push(foreign);
    const kars = await loadPlugin(karsClap);
    kars.savePreset(join(foreign, 'kars.clapstate'));
    kars.close();
    const err = await checkPresets(pool, spec, foreign, listPresetFiles(foreign, 'clap')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoLoadablePresetsError);
    expect((err as Error).message).toMatch(/none of the 1 presets loads.*kars\.clapstate/);
  }, 300_000);
});
