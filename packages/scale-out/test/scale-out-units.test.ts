import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@vstds/pipeline';
import {
  chunkJobId, datasetId, FleetProgress, formatFleetProgress, numChunks, parseRedisUrl, parseShardSpec, RedisUrlError, redactText, redactUrl,
  shardChunks, ShardSpecError,
} from '../src/index';

const config = (extra: Record<string, unknown> = {}) =>
  parseConfig(
    JSON.stringify({ plugin_path: 'fixture:none', param_spec: 'mda_jx10', output_dir: '/data/ds', num_samples: 1050, samples_per_file: 100, ...extra }),
    { label: 'test.yaml', baseDir: '/cfg' },
  );

describe('redaction', () => {
  it('masks the password of redis and rediss URLs, keeping user, host and db', () => {
    expect(redactUrl('redis://:s3cret@host:6379/0')).toBe('redis://:***@host:6379/0');
    expect(redactUrl('rediss://alice:p%40ss@redis.example:6380/2')).toBe('rediss://alice:***@redis.example:6380/2');
    expect(redactUrl('redis://onlysecret@host')).toBe('redis://***@host');
    expect(redactUrl('redis://host:6379/0')).toBe('redis://host:6379/0');
  });

  it('masks URLs and known secrets (raw and URL-encoded) inside free text', () => {
    const text = 'connect to redis://:hunter2x@10.0.0.1:6379 failed: WRONGPASS hunter2x; retry rediss://u:p%2Fw@h/1 with p/w';
    const out = redactText(text, ['hunter2x', 'p/w']);
    expect(out).not.toContain('hunter2x');
    expect(out).not.toContain('p/w');
    expect(out).not.toContain('p%2Fw');
    expect(out).toContain('redis://:***@10.0.0.1:6379');
    expect(out).toContain('rediss://u:***@h/1');
  });
});

describe('parseRedisUrl', () => {
  it('reads host, port, db, user and password, and labels the URL without the password', () => {
    const t = parseRedisUrl('redis://bob:pa%3Ass@cache.local:6390/3');
    expect(t.connection).toMatchObject({ host: 'cache.local', port: 6390, db: 3, username: 'bob', password: 'pa:ss', maxRetriesPerRequest: null });
    expect(t.connection.tls).toBeUndefined();
    expect(t.label).toBe('redis://bob:***@cache.local:6390/3');
    expect(t.secrets).toEqual(['pa:ss']);
  });

  it('turns on TLS for rediss:// (server name = host; CA from ?ca= or VSTDS_REDIS_CA) and takes the password from the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vstds-ca-'));
    writeFileSync(join(dir, 'ca.pem'), 'PEM');
    const t = parseRedisUrl('rediss://redis.example/0', { VSTDS_REDIS_PASSWORD: 'envpw', VSTDS_REDIS_CA: join(dir, 'ca.pem') });
    expect(t.connection.port).toBe(6379);
    expect(t.connection.tls?.servername).toBe('redis.example');
    expect(String(t.connection.tls?.ca)).toBe('PEM');
    expect(t.connection.password).toBe('envpw');
    expect(t.secrets).toEqual(['envpw']);
    expect(t.label).toBe('rediss://redis.example/0');
  });

  it('rejects bad URLs with one line naming the flag, never echoing the password', () => {
    const cases: [string, RegExp][] = [
      ['http://:pw1234@host', /--queue: expected a redis:\/\/ or rediss:\/\/ URL, got "http:"/],
      ['redis://:pw1234@host/zero', /database number.*got "zero"/],
      ['redis://:pw1234@host/0?tls=1', /only the query parameters ca and servername, got "tls"/],
      ['redis://:pw1234@host/0?ca=/x.pem', /rediss:\/\/ when ca= or servername= is given/],
      ['rediss://:pw1234@host/0?ca=/nonexistent.pem', /readable CA certificate file.*ENOENT/],
      ['not a url pw1234', /expected a URL such as/],
    ];
    for (const [url, re] of cases) {
      let err: unknown;
      try {
        parseRedisUrl(url);
      } catch (e) {
        err = e;
      }
      expect(err, url).toBeInstanceOf(RedisUrlError);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).not.toContain('pw1234');
      expect((err as Error).message.split('\n')).toHaveLength(1);
    }
  });
});

describe('chunk plan', () => {
  it('gives shard i the chunks c with c mod N = i, covering every chunk exactly once', () => {
    const c = config();
    expect(numChunks(c)).toBe(11);
    const shards = [0, 1, 2].map((i) => shardChunks(c, i, 3).map((x) => x.index));
    expect(shards[0]).toEqual([0, 3, 6, 9]);
    expect(shards[2]).toEqual([2, 5, 8]);
    expect(shards.flat().sort((a, b) => a - b)).toEqual([...Array(11).keys()]);
    const last = shardChunks(c, 1, 3).at(-1)!;
    expect(last).toEqual({ index: 10, file: 'dataset_0010.h5', firstGlobalId: 1000, numSamples: 50 });
  });

  it('validates --shard/--of', () => {
    expect(parseShardSpec('2', '4')).toEqual({ shard: 2, of: 4 });
    expect(() => parseShardSpec('4', '4')).toThrow(/--shard: expected an integer in 0..3.*got "4"/);
    expect(() => parseShardSpec(undefined, '4')).toThrow(ShardSpecError);
    expect(() => parseShardSpec('0', '0')).toThrow(/--of: expected a positive integer/);
  });

  it('derives the dataset id from content keys and the directory, not from num_workers', () => {
    const a = datasetId(config({ num_workers: 2 }));
    expect(datasetId(config({ num_workers: 8, render_timeout_seconds: 5 }))).toBe(a);
    expect(datasetId(config({ seed: 7 }))).not.toBe(a);
    expect(datasetId(config({ output_dir: '/data/other' }))).not.toBe(a);
    expect(chunkJobId(a, 12)).toBe(`${a}-c12`);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('FleetProgress', () => {
  it('counts finished chunks fully and running chunks by their latest rows; a re-run chunk never counts twice', () => {
    let t = 0;
    const f = new FleetProgress(100, 10, 20, 2, 15, () => t);
    f.progress(2, { rows: 5, total: 10, worker: 'a:1' });
    t = 1000;
    f.progress(3, { rows: 4, total: 10, worker: 'b:2' });
    t = 2000;
    f.stalled(3); // b died: its rows are gone
    f.progress(3, { rows: 1, total: 10, worker: 'a:1' });
    t = 4000;
    f.completed(2, { numSamples: 10, worker: 'a:1' });
    const s = f.snapshot();
    expect(s.rowsDone).toBe(20 + 10 + 1);
    expect(s.chunksDone).toBe(3);
    expect(s.workers).toEqual({ 'a:1': { chunks: 1, rows: 11, active: 1 } });
    expect(s.stalls).toBe(1);
    expect(s.averageRowsPerSecond).toBeCloseTo(11 / 4, 5);
    expect(s.rowsPerSecond).toBeCloseTo((11 - 5) / 4, 5); // rows gained inside the window
    expect(s.etaSeconds).toBeCloseTo((100 - 31) / 1.5, 3);
    expect(formatFleetProgress(s)).toMatch(/^31\/100 rows {2}3\/10 chunks {2}1\.5 rows\/s fleet .*1 workers \[a:1 1 chunks \+1 running\] {2}stalled 1$/);
  });
});
