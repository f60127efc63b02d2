import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CrashRateError, type CrashRateLimit, WorkerPool, type WorkerPoolOptions, WorkerStartError } from '../src/index';

// The generic pool with a plain worker module (real child processes): output collection, the
// crash-rate stop and start crashes. test/in-workers.test.ts covers the same on real plugins.
const workerModule = join(__dirname, 'fixtures/test-worker.mjs');
interface Job { n: number; action?: string }
interface Result { n: number; square: number; pid: number }

let open: WorkerPool<object, Job, Result>[] = [];
function pool(opts: Partial<WorkerPoolOptions<object>> & { crashRate?: CrashRateLimit } = {}) {
  const p = new WorkerPool<object, Job, Result>({ workerModule, init: {}, numWorkers: 2, jobTimeoutMs: 20_000, ...opts });
  open.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(open.map((p) => p.close()));
  open = [];
});
const tmp = () => mkdtempSync(join(tmpdir(), 'vstds-out-'));

describe('WorkerPool output log', () => {
  it('collects stdout and stderr of every worker in the log, with a header per start, and counts the lines', async () => {
    const path = join(tmp(), 'logs', 'plugin-stderr.log');
    const p = pool({ outputLog: { path }, label: 'synth.lv2' });
    await p.start();
    const pids = p.workerPids();
    await Promise.all([p.run({ n: 3, action: 'print' }), p.run({ n: 5, action: 'print' }), p.run({ n: 7 })]);
    await p.close();
    const text = readFileSync(path, 'utf8');
    for (const pid of pids) expect(text).toMatch(new RegExp(`^--- worker pid ${pid} started \\d{4}-\\d\\d-\\d\\dT[^ ]+: synth\\.lv2 ---$`, 'm'));
    expect(text).toMatch(/^\[\d+\] QWidget: warning 2 from job 3$/m);
    expect(text).toMatch(/^\[\d+\] QWidget: warning 4 from job 5$/m);
    expect(text).toMatch(/^\[\d+\] stdout line of job 5$/m);
    expect(p.stats.outputLines).toBe(3 + 1 + 5 + 1);
    expect(p.stats.outputLinesDropped).toBe(0);
  });

  it('appends: a second pool on the same file keeps the first one’s lines', async () => {
    const path = join(tmp(), 'plugin-stderr.log');
    const a = pool({ outputLog: { path }, numWorkers: 1 });
    await a.start();
    await a.run({ n: 2, action: 'print' });
    await a.close();
    const b = pool({ outputLog: { path }, numWorkers: 1 });
    await b.start();
    await b.run({ n: 1, action: 'print' });
    await b.close();
    const text = readFileSync(path, 'utf8');
    expect(text.match(/^--- worker pid/gm)).toHaveLength(2);
    expect(text).toContain('warning 1 from job 2');
    expect(text).toContain('warning 0 from job 1');
    expect(b.stats.outputLines).toBe(2);
  });

  it('is bounded: a worker printing 40 MiB leaves at most the cap on disk and counts what it dropped', async () => {
    const path = join(tmp(), 'plugin-stderr.log');
    const p = pool({ outputLog: { path, maxBytes: 256 * 1024 }, numWorkers: 1 });
    await p.start();
    await p.run({ n: 40, action: 'spam' });
    expect((await p.run({ n: 4 })).square).toBe(16);
    await p.close();
    expect(statSync(path).size).toBeLessThan(256 * 1024 + 1024);
    expect(p.stats.outputLines).toBe(40 * 1024);
    expect(p.stats.outputLinesDropped).toBeGreaterThan(40 * 1024 - 300);
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/log capped at 262144 bytes: further lines are counted, not kept/);
    expect(text).toMatch(new RegExp(`--- ${p.stats.outputLinesDropped} more lines dropped`));
  });
});

describe('WorkerPool crash rate', () => {
  it('stops past the rate once the minimum attempts have run, naming the label, the rate, the setting and the log', async () => {
    const path = join(tmp(), 'plugin-stderr.log');
    const p = pool({ outputLog: { path }, label: 'http://example.org/flaky ("Flaky")', crashRate: { max: 0.2, minAttempts: 10, setting: 'max_crash_rate' } });
    await p.start();
    // Every third job crashes (twice: its retry on a fresh worker dies too): far above 0.2.
    const settled = await Promise.allSettled(Array.from({ length: 40 }, (_, n) => p.run(n % 3 === 0 ? { n, action: 'crash' } : { n })));
    const errors = settled.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as Error);
    const stop = errors.find((e) => e instanceof CrashRateError) as CrashRateError;
    expect(stop).toBeInstanceOf(CrashRateError);
    expect(stop.code).toBe('CRASH_RATE');
    expect(stop.attempts).toBeGreaterThanOrEqual(10);
    expect(stop.crashes / stop.attempts).toBeGreaterThan(0.2);
    expect(stop.message).toMatch(/^http:\/\/example\.org\/flaky \("Flaky"\): \d+ of \d+ render attempts killed their worker \(\d+ crashes, 0 timeouts: rate 0\.\d{3} > max_crash_rate 0\.2\); stopped\. Raise max_crash_rate/);
    expect(stop.message).toContain(path);
    await expect(p.run({ n: 1 })).rejects.toBeInstanceOf(CrashRateError);
  });

  it('below the minimum attempts one early crash does not stop the pool; max 1 never stops', async () => {
    const p = pool({ crashRate: { max: 0.5, minAttempts: 20 } });
    await p.start();
    await expect(p.run({ n: 0, action: 'crash' })).rejects.toThrow(/crashed twice/);
    const rest = await Promise.all(Array.from({ length: 30 }, (_, n) => p.run({ n: n + 1 })));
    expect(rest).toHaveLength(30);
    expect(p.stats).toMatchObject({ crashes: 2, attempts: 32 });
    const never = pool({ crashRate: { max: 1, minAttempts: 1 }, numWorkers: 1 });
    await never.start();
    const all = await Promise.allSettled(Array.from({ length: 6 }, (_, n) => never.run({ n, action: 'crash' })));
    expect(all.every((r) => r.status === 'rejected' && !(r.reason instanceof CrashRateError))).toBe(true);
  });

  it('max 0 stops at the first crash', async () => {
    const p = pool({ crashRate: { max: 0, minAttempts: 100 }, numWorkers: 1 });
    await p.start();
    await p.run({ n: 1 });
    await expect(p.run({ n: 2, action: 'crash' })).rejects.toBeInstanceOf(CrashRateError);
    expect(p.stats.crashes).toBe(1);
  });

  it('rejects a rate outside [0, 1]', () => {
    expect(() => pool({ crashRate: { max: 1.5 } })).toThrow(/crashRate\.max: expected a fraction in \[0, 1\], got 1\.5/);
  });
});

describe('WorkerPool start crash', () => {
  it('a worker that segfaults while loading names the label and the log, which holds its last words', async () => {
    const path = join(tmp(), 'plugin-stderr.log');
    const p = pool({ init: { segvOnInit: true, printOnInit: 'loading the GUI toolkit...' }, outputLog: { path }, label: 'http://example.org/broken' });
    const err = (await p.start().catch((e: unknown) => e)) as WorkerStartError;
    expect(err).toBeInstanceOf(WorkerStartError);
    expect(err.message).toBe(
      `http://example.org/broken: crashed while loading: its worker process failed to start 3 times (last: signal SIGSEGV); what it printed is in ${path}`,
    );
    expect(err.outputLog).toBe(path);
    await p.close();
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8').match(/loading the GUI toolkit\.\.\./g)!.length).toBeGreaterThanOrEqual(3);
  });
});
