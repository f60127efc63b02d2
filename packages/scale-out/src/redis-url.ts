import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { redactUrl } from './redact';
import { RedisUrlError } from './scale-out-errors';

/** What ioredis (and BullMQ's connection option) needs, built from a `--queue` URL. */
export interface RedisConnection {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: TlsOptions;
  /** BullMQ workers block on Redis: they must never give up a command while Redis restarts. */
  maxRetriesPerRequest: null;
  /** Reconnect quickly and forever: a restarted Redis must not stop the fleet. */
  retryStrategy: (times: number) => number;
  /** Not printed anywhere: `label` is the printable form. */
  connectionName?: string;
}

export interface RedisTarget {
  connection: RedisConnection;
  /** The URL with its password masked, for logs and progress lines. */
  label: string;
  /** Values that must never be printed (passwords). */
  secrets: string[];
}

export interface RedisEnv {
  /** Used when the URL carries no password, so it need not appear in a process list or a Job spec. */
  VSTDS_REDIS_PASSWORD?: string;
  /** PEM file of the CA that signed the server's certificate (rediss:// with a private CA). */
  VSTDS_REDIS_CA?: string;
}

/**
 * Parses `redis://[user[:password]@]host[:port][/db]` or `rediss://…` (TLS). Query parameters:
 * `ca=FILE` (a CA certificate in PEM) and `servername=NAME` (the name to verify, default host).
 */
export function parseRedisUrl(url: string, env: RedisEnv = {}, source = '--queue'): RedisTarget {
  const label = redactUrl(url);
  const fail = (expected: string, found = JSON.stringify(label)): never => {
    throw new RedisUrlError(source, expected, found);
  };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not echoed: an unparseable value may hold a password that redaction cannot find.
    return fail('a URL such as redis://host:6379/0 or rediss://:password@host:6380/0', `text that is not a URL (${url.length} characters)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') fail('a redis:// or rediss:// URL', JSON.stringify(u.protocol));
  if (!u.hostname) fail('a host name, as in redis://host:6379/0');
  const port = u.port ? Number(u.port) : 6379;
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) fail('a database number after the host, as in redis://host:6379/0', JSON.stringify(dbText));
  const db = dbText === '' ? 0 : Number(dbText);
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  let password = u.password ? decodeURIComponent(u.password) : undefined;
  const user = username;
  password ??= env.VSTDS_REDIS_PASSWORD || undefined;

  const known = new Set(['ca', 'servername']);
  for (const key of u.searchParams.keys()) if (!known.has(key)) fail('only the query parameters ca and servername', JSON.stringify(key));
  const caFile = u.searchParams.get('ca') ?? env.VSTDS_REDIS_CA;
  let tls: TlsOptions | undefined;
  if (u.protocol === 'rediss:') {
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const servername = u.searchParams.get('servername') ?? (isIP(host) ? undefined : host);
    // An IP address is verified against the certificate's IP SANs; SNI must not carry one (RFC 6066).
    tls = servername ? { servername } : {};
    if (caFile) {
      try {
        tls.ca = readFileSync(caFile);
      } catch (e) {
        fail('a readable CA certificate file (ca= or VSTDS_REDIS_CA)', `${JSON.stringify(caFile)} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
  } else if (u.searchParams.has('ca') || u.searchParams.has('servername')) {
    fail('rediss:// when ca= or servername= is given (they configure TLS)', JSON.stringify(label));
  }

  return {
    connection: {
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port,
      db,
      ...(user !== undefined ? { username: user } : {}),
      ...(password !== undefined ? { password } : {}),
      ...(tls ? { tls } : {}),
      maxRetriesPerRequest: null,
      retryStrategy: (times: number) => Math.min(100 * times, 2000),
    },
    label,
    secrets: password ? [password] : [],
  };
}
