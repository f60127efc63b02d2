import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobFaultError, type PipelineEvent, RemoteError, WorkerPool, WorkerStartError } from '../src/index';
import { renderWorkerEntry } from '../src/render-worker-entry';

const workerModule = join(__dirname, 'fixtures/test-worker.mjs');
interface Job { n: number; action?: string; marker?: string }
interface Result { n: number; square: number; pid: number; jobsBefore: number; data: Float32Array; env?: string }

let open: WorkerPool<object, Job, Result>[] = [];
function supervisor(numWorkers: number, init: object = {}, jobTimeoutMs = 10_000) {
  const s = new WorkerPool<object, Job, Result>({ workerModule, init, numWorkers, jobTimeoutMs });
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

describe('WorkerPool', () => {
  it('runs jobs on all workers and returns typed arrays intact', async () => {
    const s = supervisor(2);
    await s.start();
    expect(s.workerPids()).toHaveLength(2);
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => s.run({ n })));
    expect(results.map((r) => r.square)).toEqual(Array.from({ length: 20 }, (_, n) => n * n));
    expect(results[7]!.data).toBeInstanceOf(Float32Array);
    expect([...results[7]!.data]).toEqual([7, 3.5]);
    expect(new Set(results.map((r) => r.pid)).size).toBe(2);
    expect(s.stats).toMatchObject({ crashes: 0, timeouts: 0, faults: 0, workerStarts: 2 });
  });

  it('answers the same over node IPC with one job per worker (answers: ipc)', async () => {
    const s = new WorkerPool<object, Job, Result>({ workerModule, init: {}, numWorkers: 2, jobTimeoutMs: 10_000, answers: 'ipc', jobsPerWorker: 1 });
    open.push(s);
    await s.start();
    const results = await Promise.all(Array.from({ length: 8 }, (_, n) => s.run({ n })));
    expect(results.map((r) => r.square)).toEqual(Array.from({ length: 8 }, (_, n) => n * n));
    expect([...results[5]!.data]).toEqual([5, 2.5]);
  });

  it('a job that crashes right after a large answer blames only itself; the answers arrive whole', async () => {
    // One worker, two jobs in flight: each 1.2 MB answer must be out of the process before the
    // next job may kill it, or the pool would blame the job whose answer was lost.
    const s = new WorkerPool<object, { n: number; crash?: boolean }, { n: number; big: Float32Array }>({
      workerModule: join(__dirname, 'fixtures/frame-worker.mjs'),
      execArgv: renderWorkerEntry().execArgv,
      init: {},
      numWorkers: 1,
      jobTimeoutMs: 30_000,
    });
    open.push(s as unknown as WorkerPool<object, Job, Result>);
    await s.start();
    const jobs = Array.from({ length: 8 }, (_, n) => s.run(n === 3 || n === 6 ? { n, crash: true } : { n }));
    const settled = await Promise.allSettled(jobs);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    for (const r of settled) {
      if (r.status !== 'fulfilled') continue;
      expect(r.value.big.length).toBe(300_000);
      expect(r.value.big.every((x) => x === r.value.n)).toBe(true);
    }
    expect(s.stats).toMatchObject({ crashes: 4, faults: 2 });
  });

  it('a job that segfaults twice is a fault; the others complete; workers are replaced', async () => {
    const s = supervisor(2);
    const events: PipelineEvent[] = [];
    s.events.subscribe((e) => events.push(e));
    await s.start();
    const jobs = Array.from({ length: 12 }, (_, n) => s.run(n === 5 ? { n, action: 'crash' } : { n }));
    const settled = await Promise.allSettled(jobs);
    const bad = settled[5] as PromiseRejectedResult;
    expect(bad.status).toBe('rejected');
    expect(bad.reason).toBeInstanceOf(JobFaultError);
    expect(bad.reason.kind).toBe('crash');
    expect(bad.reason.message).toMatch(/signal SIGSEGV/);
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(11);
    expect(s.stats).toMatchObject({ crashes: 2, faults: 1, timeouts: 0, workerStarts: 4 });
    expect(events.filter((e) => e.type === 'crash').map((e) => `${e.type}:${'outcome' in e ? e.outcome : ''}`)).toEqual(['crash:retry', 'crash:fault']);
    expect(events.filter((e) => e.type === 'worker-start')).toHaveLength(4);
    expect(s.workerPids()).toHaveLength(2);
    expect((await s.run({ n: 3 })).square).toBe(9);
  });

  it('a job whose first worker dies once is retried unchanged on a fresh worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vstds-sup-'));
    const marker = join(dir, 'crashed');
    const s = supervisor(2);
    await s.start();
    await Promise.all([s.run({ n: 1 }), s.run({ n: 2 }), s.run({ n: 3 })]);
    const r = await s.run({ n: 9, action: 'crash-once', marker });
    expect(existsSync(marker)).toBe(true);
    expect(r.square).toBe(81);
    expect(r.pid).not.toBe(Number(readFileSync(marker, 'utf8')));
    expect(r.jobsBefore).toBe(0); // a fresh process, not a worker that ran other jobs
    expect(s.stats).toMatchObject({ crashes: 1, faults: 0 });
  });

  it('a worker killed from outside mid-job changes nothing in the results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vstds-sup-'));
    const marker = join(dir, 'pid');
    const s = supervisor(1);
    await s.start();
    const pending = s.run({ n: 4, action: 'wait-kill', marker });
    while (!existsSync(marker)) await new Promise((r) => setTimeout(r, 10));
    process.kill(Number(readFileSync(marker, 'utf8')), 'SIGKILL');
    const r = await pending;
    expect(r.square).toBe(16);
    expect(s.stats.crashes).toBe(1);
  });

  it('a hanging job times out twice, its workers are killed, and the run continues', async () => {
    const s = supervisor(2, {}, 400);
    await s.start();
    const t0 = Date.now();
    const settled = await Promise.allSettled([s.run({ n: 1, action: 'hang' }), s.run({ n: 2 }), s.run({ n: 3 })]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(800);
    const bad = settled[0] as PromiseRejectedResult;
    expect(bad.reason).toBeInstanceOf(JobFaultError);
    expect(bad.reason.kind).toBe('timeout');
    expect(settled.slice(1).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(s.stats).toMatchObject({ timeouts: 2, crashes: 0, faults: 1 });
    expect((await s.run({ n: 5 })).square).toBe(25);
  });

  it('an exception inside a live worker is a job error, not a crash', async () => {
    const s = supervisor(1);
    await s.start();
    const err = await s.run({ n: 2, action: 'throw' }).catch((e: unknown) => e);
    // The class name, code and message survive the process boundary.
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ name: 'PluginMismatchError', code: 'PLUGIN_MISMATCH', message: 'bad job 2' });
    expect(s.stats.crashes).toBe(0);
    expect((await s.run({ n: 2 })).square).toBe(4);
  });

  it('passes the env option to every worker process, replacements included', async () => {
    const s = new WorkerPool<object, Job, Result>({ workerModule, init: {}, numWorkers: 1, jobTimeoutMs: 10_000, env: { ...process.env, VSTDS_TEST_ENV: 'shim-on' } });
    open.push(s);
    await s.start();
    expect((await s.run({ n: 1 })).env).toBe('shim-on');
    const again = await s.run({ n: 2, action: 'crash-once', marker: join(mkdtempSync(join(tmpdir(), 'vstds-env-')), 'm') });
    expect(again.env).toBe('shim-on');
    expect(s.stats.workerStarts).toBe(2);
  });

  it('a worker that cannot initialise fails the start with its message', async () => {
    const s = supervisor(2, { failInit: '/nowhere/x.vst3' });
    const err = await s.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerStartError);
    expect((err as WorkerStartError).cause).toMatchObject({ name: 'ModuleLoadError', code: 'MODULE_LOAD' });
    await expect(s.run({ n: 1 })).rejects.toThrow('ModuleLoadError: cannot load /nowhere/x.vst3');
    const d = supervisor(1, { dieOnInit: true });
    await expect(d.start()).rejects.toThrow(/failed to start 3 times \(last: exit code 3\)/);
  });
});
