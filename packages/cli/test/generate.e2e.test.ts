import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec, sampleRow } from '@vstds/param-spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptsExhaustedError, generate, loadConfig, prepareOutputDir, ResumeMismatchError, type RunSummary, WorkerStartError } from '@vstds/pipeline';
import { main } from '../src/index';
import { cleanupTempDirs, captureIO, collect, type DatasetDigest, digestDataset, faultSpec, pluginsDir, spawnCli, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

const nekobi = (dir: string, out: string, workers: number, extra: Record<string, unknown> = {}) =>
  writeConfig(dir, `nekobi-${workers}-${out}.yaml`, {
    plugin_path: join(pluginsDir, 'Nekobi.vst3'),
    param_spec: 'nekobi',
    output_dir: out,
    num_samples: 40,
    samples_per_file: 10,
    num_workers: workers,
    seed: 7,
    ...extra,
  });

describe('generate end to end (Nekobi VST3)', () => {
  const dir = tempDir('e2e');
  let one: DatasetDigest;
  let summaryOne: RunSummary;

  beforeAll(async () => {
    summaryOne = await generate(loadConfig(nekobi(dir, 'one', 1)));
    one = digestDataset(join(dir, 'one'));
  });

  it('writes the seed schema, readable by h5py, finite', () => {
    expect(summaryOne).toMatchObject({ status: 'complete', rows_written: 40, chunks_written: 4, crashes: 0, render_noise: 0 });
    expect(one.rows).toBe(40);
    expect(one.dtypes).toEqual({
      audio: '<f2', mel_spec: '<f4', param_array: '<f4', parameters: 'str', midi_notes: '<i2', velocities: '<i2', global_ids: '<i8', peaks: '<f4',
    });
    expect(one.shapes.audio).toEqual([2, 176400]);
    expect(one.shapes.mel_spec).toEqual([2, 128, 401]);
    expect(one.shapes.param_array).toEqual([11]);
    expect(one.finite).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, 'one/run_summary.json'), 'utf8')) as RunSummary;
    expect(summary.rows_written).toBe(40);
    expect(summary.stage_ms.render).toBeGreaterThan(0);
  });

  it('1 worker and 2 workers write byte-identical arrays', async () => {
    const s = await generate(loadConfig(nekobi(dir, 'two', 2)));
    expect(s.num_workers).toBe(2);
    expect(digestDataset(join(dir, 'two'))).toEqual(one);
  });

  it('workers killed from outside (SIGKILL, as the OOM killer does) change nothing', async () => {
    const running = generate(loadConfig(nekobi(dir, 'oom', 2)));
    const killed = new Set<number>();
    const children = () =>
      execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes('render-worker'))
        .map((l) => Number.parseInt(l.trim(), 10));
    const outDir = join(dir, 'oom');
    // Kill one live worker after the first chunk, another after the second.
    for (const afterChunks of [1, 2]) {
      while (!(existsSync(join(outDir, 'dataset_info.json')) && JSON.parse(readFileSync(join(outDir, 'dataset_info.json'), 'utf8')).chunks.length >= afterChunks)) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const victim = children().find((p) => !killed.has(p));
      if (victim) {
        killed.add(victim);
        process.kill(victim, 'SIGKILL');
      }
    }
    const s = await running;
    expect(killed.size).toBe(2);
    expect(s.plugin_faults).toBe(0);
    expect(s.worker_starts).toBe(4); // both replaced; a row in flight was retried unchanged
    expect(digestDataset(outDir)).toEqual(one);
  });

  it('passes vstds verify', async () => {
    const io = captureIO(dir);
    expect(await main(['verify', 'one'], io)).toBe(0);
    expect(io.out).toBe('ok: 40 rows in 4 chunks checked\n');
  });

  it('a run killed with kill -9 twice, then resumed, gives byte-identical arrays', async () => {
    const cfg = nekobi(dir, 'killed', 2);
    const out = join(dir, 'killed');
    const chunksListed = () =>
      existsSync(join(out, 'dataset_info.json')) ? (JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8')).chunks as unknown[]).length : 0;
    const hasPartial = () => existsSync(out) && readdirSync(out).some((f) => f.endsWith('.partial'));
    for (const killAt of [1, 2]) {
      const child = spawnCli(['generate', '--config', cfg, '--quiet']);
      const done = collect(child);
      while (!(chunksListed() >= killAt && hasPartial())) {
        if (child.exitCode !== null) throw new Error(`run ended before it could be killed: ${(await done).stderr}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');
      expect(chunksListed()).toBeLessThan(4);
    }
    const final = await collect(spawnCli(['generate', '--config', cfg, '--quiet']));
    expect(final.stderr).toMatch(/resuming .*: [1-3] finished chunks verified, [12] partial files deleted/); // the open chunk, and one sealed chunk still being checksummed
    expect(final.code).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(digestDataset(out)).toEqual(one);
  }, 240_000);

  it('refuses to continue a dataset of another config, naming the keys', () => {
    const other = loadConfig(nekobi(dir, 'one', 1, { seed: 8, min_loudness: -40 }));
    expect(() => prepareOutputDir(other, false)).toThrow(ResumeMismatchError);
    expect(() => prepareOutputDir(other, false)).toThrow(/differs in: min_loudness, seed\)/);
    // Workers and output_dir do not change the bytes: resuming with other values is allowed.
    expect(prepareOutputDir(loadConfig(nekobi(dir, 'one', 2)), false)).toEqual({ resuming: true });
  });
});

describe('generate end to end (mda JX10 LV2)', () => {
  // The built-in spec unchanged: JX10 reads heap memory it never initialised (its PWM half of
  // Vibrato most of all), which vst-host's deterministic heap makes reproducible.
  it('1 worker and 2 workers write byte-identical arrays that pass vstds verify', async () => {
    const dir = tempDir('jx10');
    const cfg = (workers: number) =>
      writeConfig(dir, `jx10-${workers}.yaml`, {
        plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10', output_dir: `w${workers}`,
        num_samples: 30, samples_per_file: 12, num_workers: workers, seed: 11, velocity: [60, 127],
      });
    const s1 = await generate(loadConfig(cfg(1)));
    const s2 = await generate(loadConfig(cfg(2)));
    expect([s1.rows_written, s2.rows_written, s1.render_noise]).toEqual([30, 30, 0]);
    const d1 = digestDataset(join(dir, 'w1'));
    expect(d1.shapes).toMatchObject({ audio: [2, 176400], mel_spec: [2, 128, 401], param_array: [25] });
    expect(d1.finite).toBe(true);
    expect(digestDataset(join(dir, 'w2'))).toEqual(d1);
    const io = captureIO(dir);
    expect(await main(['verify', 'w2'], io)).toBe(0);
  }, 240_000);
});

describe('generate with the fault-injection instrument', () => {
  const spec = loadSpec(faultSpec);
  const numSamples = 100;

  /** What each row's attempts do, from the spec alone: crash, hang, NaN, silence or accepted. */
  function simulate(seed: number) {
    const expected = { crashRows: 0, hangRows: 0, nan: 0, silence: 0, accepted: [] as Float32Array[] };
    for (let index = 0; index < numSamples; index++) {
      for (let attempt = 0; ; attempt++) {
        const row = sampleRow(spec, { seed, index, attempt });
        const p = row.synthParams;
        if (p.crash! > 0.5) expected.crashRows++;
        else if (p.hang! > 0.5) expected.hangRows++;
        else if (p.nan! > 0.5) expected.nan++;
        else if (p.silence! > 0.5) expected.silence++;
        else {
          expected.accepted.push(row.encoded);
          break;
        }
      }
    }
    return expected;
  }

  it('completes with all rows through crashes (~5 %) and hangs (~1 %), re-drawing only faulty patches', async () => {
    // The first seed whose 100 rows include every kind of fault (≥ 3 crashing rows, 1 hanging row).
    let seed = 1;
    while (true) {
      const e = simulate(seed);
      if (e.crashRows >= 3 && e.hangRows === 1 && e.nan >= 1 && e.silence >= 1) break;
      seed++;
    }
    const expected = simulate(seed);
    const dir = tempDir('fault');
    const config = loadConfig(
      writeConfig(dir, 'fault.yaml', {
        plugin_path: join(pluginsDir, 'VstdsFault.vst3'),
        param_spec: faultSpec,
        output_dir: 'out',
        num_samples: numSamples,
        samples_per_file: 50,
        num_workers: 2,
        seed,
        render_timeout_seconds: 3,
      }),
    );
    const log: string[] = [];
    const s = await generate(config, { log: (l) => log.push(l) });
    expect(s.status).toBe('complete');
    expect(s.rows_written).toBe(numSamples);
    expect(s.plugin_faults).toBe(expected.crashRows + expected.hangRows);
    expect(s.crashes).toBe(2 * expected.crashRows); // each crash retried once unchanged, then re-drawn
    expect(s.timeouts).toBeGreaterThanOrEqual(2 * expected.hangRows);
    expect(s.rejections).toEqual({
      crash: expected.crashRows,
      timeout: expected.hangRows,
      'non-finite': expected.nan,
      quiet: expected.silence,
    });
    expect(s.attempts).toBe(numSamples + expected.crashRows + expected.hangRows + expected.nan + expected.silence);
    const faults = readFileSync(join(dir, 'out/faults.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(faults).toHaveLength(expected.crashRows + expected.hangRows);
    expect(faults.filter((f) => f.kind === 'crash').every((f) => f.params.crash > 0.5)).toBe(true);
    expect(faults.filter((f) => f.kind === 'timeout').every((f) => f.params.hang > 0.5)).toBe(true);
    expect(log.some((l) => /plugin crash on these parameters, re-drawing: \{"crash":0\.5/.test(l))).toBe(true);

    const digest = digestDataset(join(dir, 'out'));
    expect(digest.rows).toBe(numSamples);
    expect(digest.finite).toBe(true);
    // Each stored row is exactly the first acceptable draw of its (seed, id, attempt) sequence.
    const h = createHash('sha256');
    for (const e of expected.accepted) h.update(Buffer.from(e.buffer, e.byteOffset, e.byteLength));
    expect(digest.sha256.param_array).toBe(h.digest('hex'));
  }, 180_000);
});

describe('generate: bad input', () => {
  const dir = tempDir('bad');
  const base = { param_spec: 'nekobi', output_dir: 'out', num_samples: 2, num_workers: 1 };

  it('a missing plugin path or an unknown spec name is a config error naming the file and key (exit 2)', async () => {
    writeConfig(dir, 'a.yaml', { ...base, plugin_path: './nowhere/Missing.vst3', param_spec: 'no_such_spec' });
    const io = captureIO(dir);
    expect(await main(['generate', '--config', 'a.yaml'], io)).toBe(2);
    expect(io.err).toMatch(/^a\.yaml: plugin_path: expected a \.vst3 bundle, an \.lv2 bundle directory or an LV2 URI, got ".*nowhere\/Missing\.vst3" \(no such file or directory\)\na\.yaml: param_spec: expected a built-in spec name \(.*nekobi.*\) or a spec file path, got "no_such_spec"\n$/);
  });

  it('a plugin that does not load fails the start with the worker\'s error class', async () => {
    const c = loadConfig(writeConfig(dir, 'a2.yaml', { ...base, plugin_path: 'http://example.org/no-such-lv2-plugin' }));
    const err = await generate(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerStartError);
    expect((err as WorkerStartError).cause?.name).toMatch(/Error$/);
    expect((err as Error).message).toMatch(/no-such-lv2-plugin/);
  });

  it('an effect given as instrument', async () => {
    const c = loadConfig(writeConfig(dir, 'b.yaml', { ...base, plugin_path: '/usr/lib/vst3/ZamComp.vst3' }));
    await expect(generate(c)).rejects.toThrow(/is an effect \(it takes no MIDI\), not an instrument/);
  });

  it('spec keys the plugin lacks, with the closest keys', async () => {
    const c = loadConfig(writeConfig(dir, 'c.yaml', { ...base, plugin_path: join(pluginsDir, 'VstdsFault.vst3') }));
    await expect(generate(c)).rejects.toThrow(/cutoff: not a parameter of the plugin; closest keys: /);
  });

  it('a spec whose every draw is rejected fails with a message about the spec', async () => {
    const specFile = join(dir, 'always_silent.yaml');
    writeFileSync(specFile, readFileSync(faultSpec, 'utf8').replace(/- name: silence\n  kind: continuous\n  min: 0.0\n  max: 0.5102/, '- name: silence\n  kind: continuous\n  min: 0.6\n  max: 1.0'));
    const c = loadConfig(writeConfig(dir, 'e.yaml', {
      ...base, plugin_path: join(pluginsDir, 'VstdsFault.vst3'), param_spec: specFile, max_attempts_per_sample: 3, output_dir: 'silent',
    }));
    await expect(generate(c)).rejects.toThrow(AttemptsExhaustedError);
    await expect(generate(c)).rejects.toThrow(/^row 0: no acceptable render in 3 attempts \(quiet ×3\); the param spec draws too many silent/);
    // Nothing finished is claimed: the manifest lists no chunk, no partial file is left.
    const manifest = JSON.parse(readFileSync(join(dir, 'silent/dataset_info.json'), 'utf8'));
    expect(manifest.chunks).toEqual([]);
    expect(readdirSync(join(dir, 'silent')).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'silent/run_summary.json'), 'utf8'))).toMatchObject({ status: 'failed', rows_written: 0 });
  });

  it('an output dir that cannot be created', async () => {
    writeFileSync(join(dir, 'a-file'), 'not a directory');
    const c = loadConfig(writeConfig(dir, 'd.yaml', { ...base, plugin_path: join(pluginsDir, 'Nekobi.vst3'), output_dir: 'a-file/out' }));
    await expect(generate(c)).rejects.toThrow(/a-file\/out.*ENOTDIR/);
  });
});
