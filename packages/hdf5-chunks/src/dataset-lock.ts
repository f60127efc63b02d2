import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { DatasetLockedError, OutputDirError } from './errors';

/** The directory inside a dataset directory that holds its writers' lock files. */
export const LOCK_DIR = '.vstds-lock';

/** How often a holder refreshes its lock file's mtime (the heartbeat). */
export const LOCK_HEARTBEAT_MS = 10_000;
/** A lock of another host without a heartbeat for this long is stale and taken over. */
export const LOCK_STALE_MS = 60_000;

/**
 * What a writer needs: the whole directory (`exclusive`: a local generate, finalize), or one
 * member of a group of writers that work on disjoint parts by design (`shared`: the static shards
 * of one array job, group = the shard count, member = the shard index). Shared holders of the same
 * group coexist; the same member twice, another group, or any exclusive holder conflict.
 */
export type LockScope = { kind: 'exclusive' } | { kind: 'shared'; group: string; member: string };

/** The content of a lock file: who holds it, so that a refused writer can name the holder. */
export interface LockHolder {
  host: string;
  pid: number;
  /** ISO time the holder took the lock. */
  started_at: string;
  command: string;
  scope: LockScope;
  /** /proc/sys/kernel/random/boot_id: a lock from before a reboot of this host is dead. */
  boot_id: string | null;
  /** Start time of the process (clock ticks since boot, /proc/PID/stat): guards against pid reuse. */
  proc_start: string | null;
  /** Unique per acquisition: tells a lock we took over from one taken anew meanwhile. */
  token: string;
  heartbeat_ms: number;
}

export interface DatasetLockOptions {
  /** Default: exclusive. */
  scope?: LockScope;
  /** What the holder runs, shown to refused writers (default: this process's argv). */
  command?: string;
  /** Receives one line per lock taken over from a dead or stale holder. */
  log?: (line: string) => void;
  heartbeatMs?: number;
  staleMs?: number;
}

export interface DatasetLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock file (idempotent). Also done on process exit. */
  release(): void;
}

/**
 * Takes the writer lock of a dataset directory (created if missing), or throws DatasetLockedError
 * naming the live holder. A lock file is written under a temp name and hard-linked into place, so it
 * appears atomically and complete, and never replaces another (NFS-safe, unlike O_EXCL on old
 * clients). A holder is dead when it ran on this host and its process is gone (pid + start time,
 * same boot), or ran on another host and its heartbeat (the lock file's mtime, refreshed every
 * heartbeatMs) is older than staleMs; a dead holder's lock is taken over with a log line.
 * Conflicting scopes use one file each: a writer first creates its own file, then checks the
 * others, so of two racing writers at least one sees the other (both may refuse; never both run).
 */
export function acquireDatasetLock(dirArg: string, opts: DatasetLockOptions = {}): DatasetLock {
  const dir = resolve(dirArg);
  const lockDir = join(dir, LOCK_DIR);
  const scope = opts.scope ?? { kind: 'exclusive' };
  const log = opts.log ?? (() => {});
  const staleMs = opts.staleMs ?? LOCK_STALE_MS;
  const heartbeatMs = opts.heartbeatMs ?? LOCK_HEARTBEAT_MS;
  const holder: LockHolder = {
    host: hostname(),
    pid: process.pid,
    started_at: new Date().toISOString(),
    command: opts.command ?? process.argv.slice(1).join(' '),
    scope,
    boot_id: bootId(),
    proc_start: processStart(process.pid),
    token: randomBytes(8).toString('hex'),
    heartbeat_ms: heartbeatMs,
  };
  const file = join(lockDir, lockFileName(scope));
  const judge = (path: string, other: LockHolder | undefined) => liveness(path, other, staleMs);

  for (let attempt = 0; !tryCreate(dir, lockDir, file, holder); attempt++) {
    const other = readHolder(file);
    const state = judge(file, other);
    if (state === 'gone' && attempt < 20) continue;
    if (state === 'gone' || state.alive || attempt >= 5) throw new DatasetLockedError(dir, file, describeHolder(other, file), scopeText(scope));
    log(`${dir}: taking over the lock of ${describeHolder(other, file)}: ${state.why}`);
    removeStale(file, other?.token, holder.token);
  }

  const lock = new HeldLock(dir, file, holder, heartbeatMs, log);
  try {
    for (const name of readdirSync(lockDir)) {
      const path = join(lockDir, name);
      if (!name.endsWith('.lock') || path === file) continue;
      const other = readHolder(path);
      if (other && !conflicts(scope, other.scope)) continue;
      const state = judge(path, other);
      if (state === 'gone') continue;
      if (state.alive) throw new DatasetLockedError(dir, path, describeHolder(other, path), scopeText(scope));
      log(`${dir}: taking over the lock of ${describeHolder(other, path)}: ${state.why}`);
      removeStale(path, other?.token, holder.token);
    }
  } catch (e) {
    lock.release();
    throw e;
  }
  sweepTemps(lockDir, staleMs);
  return lock;
}

/** Whether the holder of a lock file still runs (see acquireDatasetLock), or the file vanished. */
export function lockHolderState(file: string, staleMs = LOCK_STALE_MS): 'gone' | { alive: boolean; why: string } {
  return liveness(file, readHolder(file), staleMs);
}

/** `pid 123 on host a, started …, running "vstds generate …"`: the words a refused writer prints. */
export function describeHolder(h: LockHolder | undefined, file: string): string {
  if (!h) return `an unreadable lock file ${file}`;
  const scope = h.scope.kind === 'shared' ? ` as ${h.scope.group} member ${h.scope.member}` : '';
  return `pid ${h.pid} on host ${h.host}, started ${h.started_at}, running "${h.command}"${scope}`;
}

class HeldLock implements DatasetLock {
  private timer: NodeJS.Timeout | undefined;
  private released = false;
  private readonly onExit = () => this.release();

  constructor(
    private readonly dir: string,
    readonly file: string,
    readonly holder: LockHolder,
    heartbeatMs: number,
    log: (line: string) => void,
  ) {
    // A process that exits (process.exit from a signal handler, an uncaught error) leaves no lock;
    // only a kill -9 or a lost machine does, and the liveness rules deal with those.
    process.on('exit', this.onExit);
    this.timer = setInterval(() => {
      const now = new Date();
      try {
        if (readHolder(file)?.token !== holder.token) throw new Error('it was replaced');
        utimesSync(file, now, now);
      } catch (e) {
        log(`${dir}: lost the writer lock ${file} (${(e as Error).message}): another writer may have taken it over after a missed heartbeat`);
        this.stop();
      }
    }, heartbeatMs);
    this.timer.unref();
  }

  release(): void {
    if (this.released) return;
    this.stop();
    if (readHolder(this.file)?.token === this.holder.token) unlinkQuiet(this.file);
    try {
      rmdirSync(join(this.dir, LOCK_DIR));
    } catch {
      // other writers' locks are still there
    }
  }

  private stop(): void {
    this.released = true;
    clearInterval(this.timer);
    process.off('exit', this.onExit);
  }
}

function lockFileName(scope: LockScope): string {
  if (scope.kind === 'exclusive') return 'exclusive.lock';
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  return `shared.${safe(scope.group)}.${safe(scope.member)}.lock`;
}

function conflicts(a: LockScope, b: LockScope): boolean {
  if (a.kind === 'exclusive' || b.kind === 'exclusive') return true;
  return a.group !== b.group;
}

function scopeText(s: LockScope): string {
  return s.kind === 'exclusive' ? 'the whole directory' : `${s.group} member ${s.member}`;
}

/** Publishes the lock file by hard link (atomic, never replacing). False when one is there. */
function tryCreate(dir: string, lockDir: string, file: string, holder: LockHolder): boolean {
  for (let i = 0; ; i++) {
    const tmp = join(lockDir, `.tmp-${holder.token}`);
    try {
      mkdirSync(lockDir, { recursive: true });
      writeFileSync(tmp, `${JSON.stringify(holder)}\n`);
      try {
        linkSync(tmp, file);
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // ENOENT: a releasing holder removed the empty lock directory between our mkdir and link.
      if (err.code === 'ENOENT' && i < 5) continue;
      throw new OutputDirError(dir, `${err.code ?? 'error'} creating the lock ${file} (${err.message})`);
    } finally {
      unlinkQuiet(tmp);
    }
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return typeof h?.pid === 'number' && typeof h.host === 'string' && typeof h.token === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

function liveness(path: string, h: LockHolder | undefined, staleMs: number): 'gone' | { alive: boolean; why: string } {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return 'gone';
  }
  const silentMs = Date.now() - mtimeMs;
  if (h && h.host === hostname() && (h.boot_id === null || h.boot_id === bootId())) {
    if (!pidAlive(h.pid)) return { alive: false, why: `process ${h.pid} is not running on this host` };
    const start = processStart(h.pid);
    if (h.proc_start !== null && start !== null && start !== h.proc_start) {
      return { alive: false, why: `process ${h.pid} ended (the pid now belongs to another process)` };
    }
    return { alive: true, why: 'running on this host' };
  }
  if (h && h.host === hostname()) return { alive: false, why: 'this host has rebooted since it was taken' };
  // Another host (or an unreadable file): only the heartbeat tells.
  if (silentMs > staleMs) return { alive: false, why: `no heartbeat for ${Math.round(silentMs / 1000)} s (stale after ${staleMs / 1000} s)` };
  return { alive: true, why: `heartbeat ${Math.round(silentMs / 1000)} s ago` };
}

/**
 * Removes a dead holder's lock file without removing a lock another writer took meanwhile: the
 * file is renamed aside (only one remover wins), and put back when it turns out to be a new one.
 */
function removeStale(path: string, deadToken: string | undefined, myToken: string): void {
  const aside = `${path}.stale-${myToken}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else removed it first
  }
  if (readHolder(aside)?.token !== deadToken) {
    try {
      linkSync(aside, path);
    } catch {
      // a third writer took the path meanwhile; the holder we moved notices at its next heartbeat
    }
  }
  unlinkQuiet(aside);
}

/** Temp files of writers killed between writing and linking their lock. */
function sweepTemps(lockDir: string, staleMs: number): void {
  for (const name of readdirSync(lockDir)) {
    if (!name.startsWith('.tmp-') && !name.includes('.stale-')) continue;
    const path = join(lockDir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > staleMs) unlinkSync(path);
    } catch {
      // gone meanwhile
    }
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
