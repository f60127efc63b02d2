// Issue 13's crash surfacing and level checks through the binary, as users run it: worker
// restarts and plugin stderr in the final line and run_summary.json, the crash-rate stop (exit 1,
// one line, the dataset resumes), an instrument crashing at load, and max_peak / clip_policy on
// Calf Monosynth with the peaks read back by Debian's h5py.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '@vstds/pipeline';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, collect, faultSpec, pluginsDir, repoRoot, spawnCli, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

// Several CLI runs of plugin-loading worker processes each, on a loaded 2-core machine.
const TIMEOUT = 900_000;

const fault = join(pluginsDir, 'VstdsFault.vst3');
const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'run_summary.json'), 'utf8')) as RunSummary;
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)!;

/** The CLI with extra environment variables (the fault instrument's switches), inherited by its workers. */
async function run(args: string[], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await collect(spawnCli(args));
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
  }
}

describe('crash surfacing (the fault instrument)', () => {
  it('past max_crash_rate the run stops with one line naming the plugin, the rate, the key and the log; exit 1; it resumes', async () => {
    const dir = tempDir('crash-rate');
    // crash drawn in [0, 0.625]: a fifth of the draws segfault, each killing two workers (retry + fault).
    // A 1 s render takes milliseconds: a 5 s limit still tells a hang (1 % of draws) from a render,
    // without the default 30 s per hang.
    const spec = join(dir, 'fault_20.yaml');
    writeFileSync(spec, readFileSync(faultSpec, 'utf8').replace('max: 0.5263', 'max: 0.625'));
    const keys = { plugin_path: fault, param_spec: spec, output_dir: 'out', num_samples: 48, samples_per_file: 4, num_workers: 2, seed: 7, signal_duration_seconds: 1, note_duration_seconds: 0.5, render_timeout_seconds: 5 };
    const strict = writeConfig(dir, 'strict.yaml', { ...keys, max_crash_rate: 0.1, crash_rate_min_attempts: 30 });
    const stopped = await run(['generate', '--config', strict, '--quiet']);
    expect(stopped.code, stopped.stderr).toBe(1);
    const line = lastLine(stopped.stderr);
    const log = join(dir, 'out/logs/plugin-stderr.log');
    expect(line).toMatch(
      new RegExp(
        `^CrashRateError: ${fault.replace(/[.]/g, '\\.')} \\("VstdsFault"\\): \\d+ of \\d+ render attempts killed their worker \\(\\d+ crashes, \\d+ timeouts: rate 0\\.\\d{3} > max_crash_rate 0\\.1\\); stopped\\. Raise max_crash_rate \\(1 = never stop\\) to accept it; what the plugin printed is in ${log}$`,
      ),
    );
    const failed = summaryOf(join(dir, 'out'));
    expect(failed.status).toBe('failed');
    expect(failed.crashes).toBeGreaterThan(0);
    expect(failed.worker_restarts).toBeGreaterThanOrEqual(failed.crashes);

    // The same dataset resumes with the key the message names raised (it does not change the rows).
    const relaxed = writeConfig(dir, 'relaxed.yaml', { ...keys, max_crash_rate: 1 });
    const resumed = await run(['generate', '--config', relaxed, '--quiet']);
    expect(resumed.code, resumed.stderr.slice(-2000)).toBe(0);
    const s = summaryOf(join(dir, 'out'));
    expect(s).toMatchObject({ status: 'complete', rows_total: 48 });
    expect(s.rows_written + s.rows_resumed).toBe(48);
    // The chunks finished before the stop were kept (verified, not rewritten).
    expect(s.rows_resumed).toBe(4 * failed.chunks_written);
    expect(failed.chunks_written).toBeGreaterThan(0);
    expect(s.crashes).toBeGreaterThan(0);
    const final = lastLine(resumed.stderr);
    console.log(`fault instrument, 20 % crashing draws: ${final}`);
    expect(final).toMatch(new RegExp(`^vstds generate: ${s.rows_written} rows in .*out \\(\\d+\\.\\d rows/s, ${s.worker_restarts} worker restarts: ${s.crashes} crash`));
    const verify = await run(['verify', join(dir, 'out')]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, TIMEOUT);

  it('an instrument that crashes while loading: exit 1, one line naming it and its log, which holds its last words', async () => {
    const dir = tempDir('load-crash');
    const cfg = writeConfig(dir, 'c.yaml', { plugin_path: fault, param_spec: faultSpec, output_dir: 'out', num_samples: 4, num_workers: 1 });
    const r = await run(['generate', '--config', cfg, '--quiet'], { VSTDS_FAULT_AT_LOAD: '1' });
    expect(r.code, r.stderr).toBe(1);
    const log = join(dir, 'out/logs/plugin-stderr.log');
    expect(r.stderr.trimEnd()).toBe(
      `WorkerStartError: ${fault}: crashed while loading: its worker process failed to start 3 times (last: signal SIGSEGV); what it printed is in ${log}`,
    );
    expect(readFileSync(log, 'utf8')).toMatch(/^\[\d+\] VstdsFault: VSTDS_FAULT_AT_LOAD is set, crashing while loading$/m);
  }, TIMEOUT);

  it("the plugin's stderr goes to DIR/logs/plugin-stderr.log, not the terminal; the summary and the final line count it", async () => {
    const dir = tempDir('stderr');
    const cfg = writeConfig(dir, 'c.yaml', {
      plugin_path: fault, param_spec: faultSpec, output_dir: 'out', num_samples: 6, samples_per_file: 3, num_workers: 2, seed: 2, signal_duration_seconds: 1, note_duration_seconds: 0.5,
    });
    const r = await run(['generate', '--config', cfg, '--quiet'], { VSTDS_FAULT_STDERR: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('VSTDS_FAULT_STDERR');
    const log = join(dir, 'out/logs/plugin-stderr.log');
    const lines = readFileSync(log, 'utf8').split('\n').filter((l) => /^\[\d+\] /.test(l));
    const s = summaryOf(join(dir, 'out'));
    expect(s.plugin_stderr_lines).toBeGreaterThanOrEqual(2);
    expect(s).toMatchObject({ plugin_stderr_lines: lines.length, plugin_stderr_dropped_lines: 0, plugin_stderr_log: log });
    expect(lastLine(r.stderr)).toContain(`; plugin wrote ${lines.length} lines to stderr: ${log})`);
  }, TIMEOUT);
});

describe('level checks on Calf Monosynth', () => {
  const spec = join(repoRoot, 'tools/fixtures/level/calf_monosynth.yaml');
  const keys = (dir: string, extra: Record<string, unknown>) =>
    writeConfig(dir, 'c.yaml', {
      plugin_path: 'http://calf.sourceforge.net/plugins/Monosynth', param_spec: spec, output_dir: 'out', num_samples: 12, samples_per_file: 6,
      num_workers: 2, seed: 11, signal_duration_seconds: 1, note_duration_seconds: 0.5, ...extra,
    });
  const h5Peaks = (dir: string): number[] =>
    JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', `
import sys, json, glob, h5py, hdf5plugin
out = []
for p in sorted(glob.glob(sys.argv[1] + '/dataset_*.h5')):
    with h5py.File(p, 'r') as f:
        assert f['peaks'].dtype.str == '<f4' and f['peaks'].shape == f['global_ids'].shape
        out += [float(x) for x in f['peaks'][:]]
print(json.dumps(out))
`, dir], { encoding: 'utf8' }),
    ) as number[];

  it('max_peak 1.0 with clip_policy reject keeps only rows at or below full scale, re-drawing the rest as clipped', async () => {
    const dir = tempDir('level-reject');
    const r = await run(['generate', '--config', keys(dir, { max_peak: 1.0, clip_policy: 'reject' }), '--quiet']);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const s = summaryOf(join(dir, 'out'));
    expect(s.rejections.clipped).toBeGreaterThan(0);
    expect(s).toMatchObject({ rows_written: 12, rows_over_full_scale: 0, rows_over_max_peak: 0 });
    const peaks = h5Peaks(join(dir, 'out'));
    expect(peaks).toHaveLength(12);
    expect(peaks.every((p) => p > 0 && p <= 1.0)).toBe(true);
    expect(s.max_peak_seen).toBeCloseTo(Math.max(...peaks), 5);
  }, TIMEOUT);

  it('keep (the default) stores rows over full scale and counts them in the summary and the final line', async () => {
    const dir = tempDir('level-keep');
    const r = await run(['generate', '--config', keys(dir, {}), '--quiet']);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const s = summaryOf(join(dir, 'out'));
    const peaks = h5Peaks(join(dir, 'out'));
    const over = peaks.filter((p) => p > 1).length;
    expect(over).toBeGreaterThan(0);
    expect(s).toMatchObject({ rows_over_full_scale: over, rows_over_max_peak: null });
    expect(s.rejections.clipped).toBeUndefined();
    expect(s.max_peak_seen).toBeCloseTo(Math.max(...peaks), 5);
    expect(lastLine(r.stderr)).toContain(`; ${over} row${over === 1 ? '' : 's'} over full scale (max peak ${s.max_peak_seen!.toFixed(2)})`);
    console.log(`calf monosynth, clip_policy keep: ${over}/12 stored rows over full scale, max peak ${s.max_peak_seen!.toFixed(2)}`);
  }, TIMEOUT);

  it('clip_policy reject without max_peak is a config error: exit 2, one line naming the key', async () => {
    const dir = tempDir('level-bad');
    const r = await run(['generate', '--config', keys(dir, { clip_policy: 'reject' }), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/c\.yaml: clip_policy: reject needs max_peak \(e\.g\. max_peak: 1\.0\), got no max_peak$/);
  }, TIMEOUT);
});
