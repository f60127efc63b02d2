import { existsSync } from 'node:fs';
import { ClockShimMissingError, InvalidOptionError } from './errors';

/**
 * Plugins such as Surge XT seed private generators from the wall clock when an instance is built
 * (`std::chrono::system_clock::now()`, `srand(time(nullptr))`). Freezing the wall clock of the
 * render process at an instant derived from the dataset seed makes those seeds, and so the audio,
 * a function of the config. Debian's libfaketime does this for `time`, `gettimeofday`,
 * `clock_gettime(CLOCK_REALTIME…)` (hence `std::chrono::system_clock`) and `ftime`; monotonic
 * clocks stay real (FAKETIME_DONT_FAKE_MONOTONIC) so timeouts and progress keep working.
 *
 * Not covered: `std::random_device`, `getrandom()` and `/dev/urandom` (libstdc++ uses RDRAND or
 * getrandom), addresses (ASLR), thread timing, and a clock read by raw `syscall()` or `rdtsc`.
 * The load-time probe notices what is left (two fresh instances render differently).
 */

/** The instant seed 0 maps to: 2000-01-01T00:00:00Z. */
const EPOCH_SECONDS = 946684800;
/** Seeds wrap at 2^30 s (~34 years), so every instant stays below 2^31 (32-bit time_t). */
const SEED_SPAN_SECONDS = 2 ** 30;

/** Set in a render process's environment by {@link deterministicClockEnv}: the frozen instant. */
export const CLOCK_INSTANT_ENV = 'VSTDS_CLOCK_INSTANT';

const LIBFAKETIME_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/faketime/libfaketimeMT.so.1',
];

/** The fixed wall-clock instant a render process sees for dataset `seed`. */
export function clockInstantForSeed(seed: number): Date {
  if (!Number.isSafeInteger(seed))
    throw new InvalidOptionError('seed', 'a safe integer', seed);
  const offset =
    ((seed % SEED_SPAN_SECONDS) + SEED_SPAN_SECONDS) % SEED_SPAN_SECONDS;
  return new Date((EPOCH_SECONDS + offset) * 1000);
}

/** Path of Debian's multithreaded libfaketime (`apt-get install libfaketime`). */
export function libfaketimePath(): string {
  const found = LIBFAKETIME_CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new ClockShimMissingError(LIBFAKETIME_CANDIDATES);
  return found;
}

/**
 * The environment a render process needs, merged over `base` (default `process.env`), to see the
 * wall clock frozen at {@link clockInstantForSeed}(seed). LD_PRELOAD is read when a process
 * starts, so pass this as the `env` of the spawned worker; it cannot be switched on in a running
 * process. TZ is UTC so that local-time calls are machine-independent too.
 */
export function deterministicClockEnv(
  seed: number,
  base: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const instant = clockInstantForSeed(seed);
  const lib = libfaketimePath();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  const preload = (env.LD_PRELOAD ?? '')
    .split(/[\s:]+/)
    .filter((p) => p !== '' && p !== lib);
  // No "@": a frozen clock (every call returns the instant), not one started at it.
  const faketime = instant.toISOString().slice(0, 19).replace('T', ' ');
  return {
    ...env,
    LD_PRELOAD: [lib, ...preload].join(':'),
    FAKETIME: faketime,
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    // File times stay real: resume and cache checks compare them.
    NO_FAKE_STAT: '1',
    TZ: 'UTC',
    [CLOCK_INSTANT_ENV]: instant.toISOString(),
  };
}

export type ClockState =
  | { clock: 'frozen'; instant: string }
  | { clock: 'real'; reason: string };

/**
 * Whether this process runs with the clock {@link deterministicClockEnv} set up: the instant is
 * announced and the wall clock really stands still at it (libfaketime preloaded and active).
 */
export function currentClockState(env: NodeJS.ProcessEnv = process.env): ClockState {
  const announced = env[CLOCK_INSTANT_ENV];
  if (!announced)
    return {
      clock: 'real',
      reason: `${CLOCK_INSTANT_ENV} is not set (start the render process with deterministicClockEnv(seed))`,
    };
  const expected = Date.parse(announced);
  const first = Date.now();
  const second = Date.now();
  if (first !== expected || second !== expected)
    return {
      clock: 'real',
      reason: `${CLOCK_INSTANT_ENV}=${announced} but the wall clock reads ${new Date(first).toISOString()} (libfaketime not preloaded?)`,
    };
  return { clock: 'frozen', instant: announced };
}
