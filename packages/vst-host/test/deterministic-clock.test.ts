import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  clockInstantForSeed,
  CLOCK_INSTANT_ENV,
  currentClockState,
  deterministicClockEnv,
  InvalidOptionError,
  libfaketimePath,
} from '../src';

const run = promisify(execFile);
const childTimeout = { timeout: 120_000 };

describe('clockInstantForSeed', () => {
  it('maps seed 0 to 2000-01-01T00:00:00Z and each seed to its own second', () => {
    expect(clockInstantForSeed(0).toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(clockInstantForSeed(1234).toISOString()).toBe('2000-01-01T00:20:34.000Z');
    expect(clockInstantForSeed(2 ** 30 + 5)).toEqual(clockInstantForSeed(5));
    expect(clockInstantForSeed(-1)).toEqual(clockInstantForSeed(2 ** 30 - 1));
  });

  it('stays below 2^31 s (32-bit time_t) for every seed', () => {
    expect(clockInstantForSeed(2 ** 30 - 1).getTime() / 1000).toBeLessThan(2 ** 31);
    expect(clockInstantForSeed(Number.MAX_SAFE_INTEGER).getTime() / 1000).toBeLessThan(2 ** 31);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => clockInstantForSeed(1.5)).toThrow(InvalidOptionError);
  });
});

describe('deterministicClockEnv', () => {
  it('preloads libfaketime ahead of what LD_PRELOAD held and announces the instant', () => {
    const env = deterministicClockEnv(42, { PATH: '/usr/bin', LD_PRELOAD: '/x/a.so /x/b.so' });
    expect(env.LD_PRELOAD).toBe(`${libfaketimePath()}:/x/a.so:/x/b.so`);
    expect(env.PATH).toBe('/usr/bin');
    expect(env.FAKETIME).toBe('2000-01-01 00:00:42');
    expect(env.FAKETIME_DONT_FAKE_MONOTONIC).toBe('1');
    expect(env.TZ).toBe('UTC');
    expect(env[CLOCK_INSTANT_ENV]).toBe('2000-01-01T00:00:42.000Z');
    // Applying it twice does not stack the library.
    expect(deterministicClockEnv(42, env).LD_PRELOAD).toBe(env.LD_PRELOAD);
  });

  it('freezes time() and gettimeofday() of a C program at the instant', async () => {
    const env = deterministicClockEnv(99);
    const { stdout } = await run('date', ['-u', '+%s %F %T'], { env, ...childTimeout });
    expect(stdout.trim()).toBe(`${946684800 + 99} 2000-01-01 00:01:39`);
    const second = await run('date', ['-u', '+%s'], { env, ...childTimeout });
    expect(second.stdout.trim()).toBe(String(946684800 + 99));
  });

  it('freezes the wall clock of a Node process while its monotonic clock runs on', async () => {
    const env = deterministicClockEnv(7);
    const script = [
      'const t0 = process.hrtime.bigint(), w0 = Date.now();',
      'const until = performance.now() + 50;',
      'while (performance.now() < until);',
      'const dt = Number(process.hrtime.bigint() - t0) / 1e6;',
      'console.log(JSON.stringify({ w0, w1: Date.now(), dt, iso: new Date().toISOString() }));',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['-e', script], { env, ...childTimeout });
    const out = JSON.parse(stdout) as { w0: number; w1: number; dt: number; iso: string };
    expect(out.w0).toBe(clockInstantForSeed(7).getTime());
    expect(out.w1).toBe(out.w0);
    expect(out.iso).toBe('2000-01-01T00:00:07.000Z');
    expect(out.dt).toBeGreaterThanOrEqual(45); // the monotonic clock kept running
  });

  it('lets the render process see that its clock is frozen; this process is not', async () => {
    expect(currentClockState()).toMatchObject({ clock: 'real' });
    // Announced but not preloaded: the wall clock runs, which must not pass for frozen.
    const fake = { ...process.env, [CLOCK_INSTANT_ENV]: '2000-01-01T00:00:07.000Z' };
    expect(currentClockState(fake)).toMatchObject({ clock: 'real' });
    const script = `import('${join(__dirname, '../src/deterministic-clock.ts')}').then((m) => console.log(JSON.stringify(m.currentClockState())))`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', script], {
      env: deterministicClockEnv(7),
      ...childTimeout,
    });
    expect(JSON.parse(stdout)).toEqual({ clock: 'frozen', instant: '2000-01-01T00:00:07.000Z' });
  });
});
