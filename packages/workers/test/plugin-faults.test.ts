import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSpec, parseSpec } from '@vstds/param-spec';
import { from, lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { CrashRateError, inWorkers, redraw, type RenderSettings, rowDraw, startRenderPool, WorkerStartError } from '../src/index';

// Crash surfacing on the project's fault instrument (tools/fixtures/fault-synth): crashes per
// patch, a crash at load and stderr noise (its VSTDS_FAULT_* switches).
const repo = resolve(__dirname, '../../..');
const faultPlugin = join(repo, '.plugins/vst3/VstdsFault.vst3');
const base = { presetPath: null, sampleRate: 44100, blockSize: 512, channels: 2, seconds: 1, minLoudness: -70 } satisfies Partial<RenderSettings>;
const tmp = () => mkdtempSync(join(tmpdir(), 'vstds-faults-'));

describe('real plugins that crash', () => {
  it('the fault instrument crashing on half its patches stops the run with CrashRateError naming it', async () => {
    // crash drawn in [0, 1]: above 0.5 (half of the draws) the plugin segfaults its worker.
    const spec = parseSpec(
      readFileSync(join(repo, 'tools/fixtures/fault-synth/fault_spec.yaml'), 'utf8').replace('max: 0.5263', 'max: 1.0'),
      'fault_half.yaml',
    );
    const log = join(tmp(), 'logs/plugin-stderr.log');
    const pool = await startRenderPool({
      settings: { ...base, pluginPath: faultPlugin },
      spec,
      workers: 2,
      timeoutMs: 60_000,
      outputLog: { path: log },
      crashRate: { max: 0.25, minAttempts: 12, setting: 'max_crash_rate' },
    });
    try {
      const draw = rowDraw(spec, { seed: 5, signalDurationSeconds: 1, noteDurationSeconds: 0.5 });
      const err = await lastValueFrom(from(Array.from({ length: 40 }, (_, i) => i)).pipe(redraw(inWorkers(pool), { draw, maxAttempts: 50 }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CrashRateError);
      const e = err as CrashRateError;
      expect(e.attempts).toBeGreaterThanOrEqual(12);
      expect(e.message.startsWith(`${faultPlugin} ("VstdsFault"): `)).toBe(true);
      expect(e.message).toMatch(/render attempts killed their worker .* > max_crash_rate 0\.25\); stopped\. Raise max_crash_rate/);
      expect(e.outputLog).toBe(log);
      expect(readFileSync(log, 'utf8')).toMatch(/--- worker pid \d+ started .*: .*VstdsFault\.vst3 \("VstdsFault"\) ---/);
    } finally {
      await pool.close();
    }
  });

  it('an instrument that segfaults while loading fails the start naming the plugin and the log holding its last words', async () => {
    // padthv1, which the issue saw crash at load, loads since the LV2 host fixes; the fault
    // instrument's VSTDS_FAULT_AT_LOAD switch crashes the same way (SIGSEGV inside instantiation).
    const log = join(tmp(), 'plugin-stderr.log');
    const err = (await startRenderPool({
      settings: { ...base, pluginPath: faultPlugin },
      spec: loadSpec(join(repo, 'tools/fixtures/fault-synth/fault_spec.yaml')),
      workers: 1,
      timeoutMs: 60_000,
      env: { VSTDS_FAULT_AT_LOAD: '1' },
      outputLog: { path: log },
    }).catch((e: unknown) => e)) as WorkerStartError;
    expect(err).toBeInstanceOf(WorkerStartError);
    expect(err.message).toBe(`${faultPlugin}: crashed while loading: its worker process failed to start 3 times (last: signal SIGSEGV); what it printed is in ${log}`);
    const text = readFileSync(log, 'utf8');
    expect(text.match(/^--- worker pid \d+ started/gm)).toHaveLength(3);
    expect(text.match(/^\[\d+\] VstdsFault: VSTDS_FAULT_AT_LOAD is set, crashing while loading$/gm)).toHaveLength(3);
  });

  it("a plugin's stderr goes to the log file, counted, with a header per worker", async () => {
    const log = join(tmp(), 'plugin-stderr.log');
    const spec = loadSpec(join(repo, 'tools/fixtures/fault-synth/fault_spec.yaml'));
    const pool = await startRenderPool({ settings: { ...base, pluginPath: faultPlugin }, spec, workers: 2, timeoutMs: 60_000, env: { VSTDS_FAULT_STDERR: '1' }, outputLog: { path: log } });
    const pids = pool.workerPids();
    try {
      const draw = rowDraw(spec, { seed: 2, signalDurationSeconds: 1, noteDurationSeconds: 0.5 });
      await lastValueFrom(from([0, 1, 2, 3]).pipe(redraw(inWorkers(pool), { draw, maxAttempts: 20 })));
    } finally {
      await pool.close();
    }
    const text = readFileSync(log, 'utf8');
    const lines = text.split('\n').filter((l) => /^\[\d+\] /.test(l));
    expect(pool.stats.outputLines).toBeGreaterThanOrEqual(4);
    expect(lines).toHaveLength(pool.stats.outputLines);
    for (const pid of pids) {
      expect(text).toContain(`--- worker pid ${pid} started`);
      expect(lines).toContain(`[${pid}] VstdsFault: instance created (VSTDS_FAULT_STDERR)`);
    }
    expect(lines.some((l) => l.endsWith('VstdsFault: activate (VSTDS_FAULT_STDERR)'))).toBe(true);
  });
});
