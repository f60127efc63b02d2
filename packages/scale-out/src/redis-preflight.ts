import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { redactText } from './redact';
import type { RedisTarget } from './redis-url';
import { RedisUrlError } from './scale-out-errors';

const AUTH_ERROR = /WRONGPASS|NOAUTH|NOPERM|invalid password|invalid username/i;
const TLS_ERROR = /certificate|self[- ]signed|SSL|TLS|ERR_SSL|wrong version number/i;

/**
 * Waits until Redis answers PING. A refused password or a TLS failure cannot heal by waiting:
 * they fail at once with a redacted one-line error. An unreachable server is retried (a worker
 * may start before Redis), with a line every `logEveryMs`, until `timeoutMs` (default: forever).
 */
export async function waitForRedis(
  target: RedisTarget,
  opts: { timeoutMs?: number; logEveryMs?: number; log?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<void> {
  const started = Date.now();
  let lastLog = 0;
  for (;;) {
    const client = new Redis({ ...target.connection, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000 });
    // ioredis rejects connect() with "Connection is closed"; the cause comes as an error event.
    let cause: string | undefined;
    client.on('error', (e: Error) => (cause ??= e.message));
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (e) {
      const msg = redactText(cause ?? (e as Error).message ?? String(e), target.secrets);
      if (AUTH_ERROR.test(msg)) throw new RedisUrlError('--queue', `credentials Redis accepts for ${target.label}`, `"${msg.split('\n')[0]}" (check the password in the URL or VSTDS_REDIS_PASSWORD)`);
      if (TLS_ERROR.test(msg)) throw new RedisUrlError('--queue', `a TLS connection to ${target.label}`, `"${msg.split('\n')[0]}" (rediss:// needs a TLS port; a private CA needs ?ca=FILE or VSTDS_REDIS_CA)`);
      const waited = Date.now() - started;
      if (opts.timeoutMs !== undefined && waited >= opts.timeoutMs) {
        throw new RedisUrlError('--queue', `a Redis server answering at ${target.label}`, `"${msg}" for ${Math.round(waited / 1000)} s`);
      }
      if (Date.now() - lastLog >= (opts.logEveryMs ?? 10_000)) {
        opts.log?.(`waiting for Redis at ${target.label}: ${msg}`);
        lastLog = Date.now();
      }
    } finally {
      client.disconnect();
    }
    if (opts.signal?.aborted) throw new RedisUrlError('--queue', `a Redis server answering at ${target.label}`, 'none before the stop');
    await sleep(1000);
  }
}

/** An error listener that prints each distinct message at most every `everyMs` (reconnect loops repeat them). */
export function throttledErrorLog(log: (line: string) => void, what: string, everyMs = 10_000): (e: Error) => void {
  const last = new Map<string, number>();
  return (e) => {
    const msg = e.message.split('\n')[0]!;
    const now = Date.now();
    if (now - (last.get(msg) ?? -Infinity) < everyMs) return;
    last.set(msg, now);
    log(`${what}: ${msg} (retrying)`);
  };
}
