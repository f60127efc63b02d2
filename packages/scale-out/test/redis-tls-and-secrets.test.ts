import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@vstds/pipeline';
import { parseRedisUrl, RedisUrlError, runQueueGenerate, startChunkWorker } from '../src/index';
import { fixtureRunner, tempDir, writeFixtureConfig } from './helpers';
import { RedisServer } from './redis-server';

const PASSWORD = 'tls-Secret-4711';

describe('rediss:// (TLS) with a password, on a real redis-server', () => {
  const redis = new RedisServer({ tls: true, password: PASSWORD });
  beforeAll(async () => {
    await redis.start();
  });
  afterAll(() => redis.stop());

  it('runs a coordinator and a worker over TLS with a private CA; no line printed holds the password', async () => {
    const dir = tempDir('tls');
    const config = loadConfig(writeFixtureConfig(dir, { output_dir: join(dir, 'dataset'), num_samples: 12, samples_per_file: 4 }));
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    const url = `${redis.url}?ca=${encodeURIComponent(redis.ca!)}`;
    const target = parseRedisUrl(url);
    expect(target.connection.tls).toBeDefined();
    const worker = await startChunkWorker({ redis: target, runnerModule: fixtureRunner, concurrency: 2, log });
    try {
      const summary = await runQueueGenerate({ config, redis: parseRedisUrl(url), log, progress: { write: log, tty: false, intervalMs: 200 } });
      expect(summary.finalize?.completed_samples).toBe(12);
      expect(summary.progress.workers[worker.id]?.chunks).toBe(3);
    } finally {
      await worker.close();
    }
    const info = JSON.parse(readFileSync(join(config.output_dir, 'dataset_info.json'), 'utf8'));
    expect(info.chunks).toHaveLength(3);
    const text = lines.join('\n');
    expect(text).toContain(`rediss://:***@127.0.0.1:${redis.port}/0`);
    expect(text).toMatch(/12\/12 rows {2}3\/3 chunks/);
    expect(text).not.toContain(PASSWORD);
  }, 240_000);

  it('fails at once, in one redacted line, on a wrong password or a certificate it cannot verify', async () => {
    const dir = tempDir('tls-bad');
    const config = loadConfig(writeFixtureConfig(dir, { output_dir: join(dir, 'dataset'), num_samples: 4, samples_per_file: 4 }));
    const wrong = `rediss://:Wrong-${PASSWORD}@127.0.0.1:${redis.port}/0?ca=${encodeURIComponent(redis.ca!)}`;
    const t0 = Date.now();
    const e1 = await runQueueGenerate({ config, redis: parseRedisUrl(wrong) }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(RedisUrlError);
    expect((e1 as Error).message).toMatch(/credentials Redis accepts .*WRONGPASS/);
    expect((e1 as Error).message).not.toContain(PASSWORD);
    const noCa = `rediss://:${PASSWORD}@127.0.0.1:${redis.port}/0`;
    const e2 = await startChunkWorker({ redis: parseRedisUrl(noCa), runnerModule: fixtureRunner }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(RedisUrlError);
    expect((e2 as Error).message).toMatch(/a TLS connection to rediss:\/\/:\*\*\*@127\.0\.0\.1.*certificate.*VSTDS_REDIS_CA/);
    expect((e2 as Error).message).not.toContain(PASSWORD);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
