import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireDatasetLock, type DatasetLock, DatasetLockedError, LOCK_DIR, type LockHolder, type LockScope } from '../src/index';

const here = dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'vstds-lock-'));
  dirs.push(d);
  return d;
};
const children: ChildProcess[] = [];
const held: DatasetLock[] = [];
afterEach(() => {
  held.splice(0).forEach((l) => l.release());
  children.splice(0).forEach((c) => c.kill('SIGKILL'));
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const exclusive: LockScope = { kind: 'exclusive' };
const shard = (member: number, of = 3): LockScope => ({ kind: 'shared', group: `shards-of-${of}`, member: String(member) });

interface Holder {
  child: ChildProcess;
  /** HELD, or REFUSED with the message. */
  result: Promise<string>;
  out: () => string;
}

/** A real second process taking the lock (tests in this process would share its pid). */
function holder(dir: string, scope: LockScope, heartbeatMs?: number): Holder {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures/lock-holder.ts'), dir, JSON.stringify(scope), ...(heartbeatMs ? [String(heartbeatMs)] : [])], {
    cwd: join(here, '..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const result = new Promise<string>((res, rej) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /^(HELD|REFUSED .*)$/m.exec(out);
      if (m) res(m[1]!);
    });
    child.on('close', (code) => rej(new Error(`lock holder exited ${code} before answering: ${out} ${err}`)));
  });
  return { child, result, out: () => out };
}

function take(dir: string, scope: LockScope = exclusive, log?: (l: string) => void): DatasetLock {
  const lock = acquireDatasetLock(dir, { scope, command: 'the test', log });
  held.push(lock);
  return lock;
}

function refusal(fn: () => unknown): DatasetLockedError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DatasetLockedError) return e;
    throw e;
  }
  throw new Error('expected DatasetLockedError, the lock was granted');
}

const exited = (c: ChildProcess) => new Promise<void>((res) => (c.exitCode !== null || c.signalCode !== null ? res() : c.on('exit', () => res())));

/** A lock file as another machine on the shared storage would leave it. */
function foreignLock(dir: string, name: string, scope: LockScope, ageMs: number): string {
  mkdirSync(join(dir, LOCK_DIR), { recursive: true });
  const h: LockHolder = {
    host: 'node-b.cluster', pid: 4242, started_at: '2026-01-01T00:00:00.000Z', command: 'vstds generate --config big.yaml', scope,
    boot_id: 'another-machine', proc_start: '99', token: 'feedfacefeedface', heartbeat_ms: 10_000,
  };
  const path = join(dir, LOCK_DIR, name);
  writeFileSync(path, JSON.stringify(h));
  const t = new Date(Date.now() - ageMs);
  utimesSync(path, t, t);
  return path;
}

describe('dataset directory lock', () => {
  it('refuses a second writer at once, naming the holder (host, pid, start time, command); free again after exit', async () => {
    const dir = join(tempDir(), 'not-yet-there');
    const first = holder(dir, exclusive);
    expect(await first.result).toBe('HELD');
    const e = refusal(() => take(dir));
    expect(e.code).toBe('DATASET_LOCKED');
    expect(e.message).toContain(`pid ${first.child.pid} on host ${hostname()}`);
    expect(e.message).toMatch(/started \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(e.message).toContain('running "lock-holder {"kind":"exclusive"}"');
    expect(e.message).toContain(dir);
    expect(e.message.split('\n')).toHaveLength(1);
    // a second process is refused the same way (exit code 3 in the fixture)
    expect(await holder(dir, exclusive).result).toMatch(/^REFUSED .*in use by another writer/);
    first.child.stdin!.end();
    await exited(first.child);
    expect(existsSync(join(dir, LOCK_DIR))).toBe(false);
    take(dir).release();
  });

  it('takes over the lock of a kill -9ed process on this host, with a log line', async () => {
    const dir = tempDir();
    const first = holder(dir, exclusive);
    expect(await first.result).toBe('HELD');
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(readdirSync(join(dir, LOCK_DIR))).toEqual(['exclusive.lock']);
    const logs: string[] = [];
    const lock = take(dir, exclusive, (l) => logs.push(l));
    expect(logs).toEqual([expect.stringContaining(`taking over the lock of pid ${first.child.pid} on host ${hostname()}`)]);
    expect(logs[0]).toContain(`process ${first.child.pid} is not running on this host`);
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
  });

  it('treats a live pid with another start time as a dead holder (pid reused)', () => {
    const dir = tempDir();
    const path = foreignLock(dir, 'exclusive.lock', exclusive, 0);
    const h = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    writeFileSync(path, JSON.stringify({ ...h, host: hostname(), boot_id: null, pid: process.pid, proc_start: '1' }));
    const logs: string[] = [];
    take(dir, exclusive, (l) => logs.push(l));
    expect(logs[0]).toContain('the pid now belongs to another process');
  });

  it('honours another host\'s lock while its heartbeat is fresh, takes it over when stale', () => {
    const dir = tempDir();
    const path = foreignLock(dir, 'exclusive.lock', exclusive, 20_000);
    const e = refusal(() => take(dir));
    expect(e.message).toContain('pid 4242 on host node-b.cluster, started 2026-01-01T00:00:00.000Z, running "vstds generate --config big.yaml"');
    // a shard is refused by the other host's whole-directory lock too
    refusal(() => take(dir, shard(0)));
    const old = new Date(Date.now() - 61_000);
    utimesSync(path, old, old);
    const logs: string[] = [];
    take(dir, exclusive, (l) => logs.push(l));
    expect(logs[0]).toMatch(/taking over the lock of pid 4242 on host node-b\.cluster.*no heartbeat for 6\d s \(stale after 60 s\)/);
  });

  it('refreshes the heartbeat (mtime) while held', async () => {
    const dir = tempDir();
    const h = holder(dir, exclusive, 100);
    expect(await h.result).toBe('HELD');
    const path = join(dir, LOCK_DIR, 'exclusive.lock');
    const t = new Date(Date.now() - 3_600_000);
    utimesSync(path, t, t);
    for (let i = 0; i < 300 && statSync(path).mtimeMs < Date.now() - 3_000_000; i++) await new Promise((r) => setTimeout(r, 100));
    expect(statSync(path).mtimeMs).toBeGreaterThan(Date.now() - 3_000_000);
  });

  it('lets shards of one array run side by side but refuses a duplicate shard, another shard count, and whole-directory writers', async () => {
    const dir = tempDir();
    const s0 = holder(dir, shard(0));
    const s1 = holder(dir, shard(1));
    expect(await s0.result).toBe('HELD');
    expect(await s1.result).toBe('HELD');
    take(dir, shard(2));
    expect(refusal(() => take(dir, shard(1))).message).toContain(`pid ${s1.child.pid}`);
    expect(refusal(() => take(dir, shard(1))).message).toContain('shards-of-3 member 1');
    refusal(() => take(dir, shard(0, 2)));
    const gen = refusal(() => take(dir, exclusive));
    expect(gen.message).toMatch(/running "lock-holder .*shared/);
    held.splice(0).forEach((l) => l.release());
    s0.child.stdin!.end();
    s1.child.stdin!.end();
    await Promise.all([exited(s0.child), exited(s1.child)]);
    const fin = take(dir, exclusive);
    refusal(() => take(dir, shard(0)));
    fin.release();
    take(dir, shard(0));
  });

  it('takes over a dead shard\'s lock when a whole-directory writer or the rerun shard comes', async () => {
    const dir = tempDir();
    const s = holder(dir, shard(1));
    expect(await s.result).toBe('HELD');
    s.child.kill('SIGKILL');
    await exited(s.child);
    const logs: string[] = [];
    take(dir, shard(1), (l) => logs.push(l));
    expect(logs[0]).toContain(`taking over the lock of pid ${s.child.pid}`);
    held.splice(0).forEach((l) => l.release());
    foreignLock(dir, 'shared.shards-of-3.2.lock', shard(2), 120_000);
    take(dir, exclusive, (l) => logs.push(l));
    expect(logs[1]).toMatch(/node-b\.cluster.*no heartbeat/);
  });

  it('never lets two racing writers both hold conflicting locks', async () => {
    const dir = tempDir();
    for (let round = 0; round < 2; round++) {
      const racers = [holder(dir, exclusive), holder(dir, exclusive), holder(dir, shard(0)), holder(dir, shard(1)), holder(dir, shard(0))];
      const results = await Promise.all(racers.map((r) => r.result));
      const winners = results.flatMap((r, i) => (r === 'HELD' ? [i] : []));
      const kinds = winners.map((i) => (i < 2 ? 'exclusive' : `shard${i === 3 ? 1 : 0}`));
      // at most one exclusive, and never an exclusive with anything else; at most one shard 0
      if (kinds.includes('exclusive')) expect(kinds).toEqual(['exclusive']);
      expect(kinds.filter((k) => k === 'shard0').length).toBeLessThanOrEqual(1);
      expect(results.filter((r) => r.startsWith('REFUSED')).length).toBe(5 - winners.length);
      for (const r of racers) r.child.stdin!.end();
      await Promise.all(racers.map((r) => exited(r.child)));
      expect(existsSync(join(dir, LOCK_DIR))).toBe(false);
    }
  }, 120_000);
});
