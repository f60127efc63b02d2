import { existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@vstds/pipeline';
import { ResumeMismatchError } from '@vstds/pipeline';
import { claimOutputDir, FinalizeError, finalizeDataset, FormatVersionResumeError, runShardGenerate } from '@vstds/scale-out';
import { runChunk as fixtureRunChunk } from '../../../scale-out/test/fixtures/fixture-chunk-runner';
import { fixtureRunner, h5Digest, tempDir, within, writeFixtureConfig } from '../../../scale-out/test/helpers';
import { killGroup, type Proc, spawnScaleOut } from './spawn-vstds';

describe('static shards and vstds finalize (fixture chunk runner)', () => {
  const procs: Proc[] = [];
  afterAll(() => procs.forEach(killGroup));

  it('--shard 0 --of 2 and --shard 1 --of 2 in two processes, then finalize: the same bytes as one process', async () => {
    const dir = tempDir('shards');
    const out = join(dir, 'dataset');
    const cfg = writeFixtureConfig(dir, { output_dir: out, num_samples: 40, samples_per_file: 6 }); // 7 chunks, the last one short
    const ref = join(dir, 'reference');
    await runShardGenerate({ config: loadConfig(cfg, { output_dir: ref }), shard: 0, of: 1, runner: fixtureRunChunk });
    await finalizeDataset(ref);

    const runLog = join(dir, 'runs.log');
    const shards = ['0', '1'].map((i) =>
      spawnScaleOut(['generate', '--config', cfg, '--shard', i, '--of', '2', '--runner', fixtureRunner], { VSTDS_TEST_ROW_DELAY_MS: '20', VSTDS_TEST_RUN_LOG: runLog }),
    );
    procs.push(...shards);
    for (const s of shards) expect((await within(180_000, 'a shard', s.done)).code, s.out()).toBe(0);
    expect(shards[0]!.out()).toMatch(/shard 0\/2: 4 chunks written \(22 rows/);
    expect(shards[1]!.out()).toMatch(/shard 1\/2: 3 chunks written \(18 rows/);
    expect(existsSync(join(out, 'dataset_info.json'))).toBe(false); // only finalize writes it
    const runs = readFileSync(runLog, 'utf8').trim().split('\n').map((l) => Number(l.split(' ')[0]));
    expect(runs.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);

    const fin = spawnScaleOut(['finalize', out]);
    procs.push(fin);
    expect((await within(180_000, 'finalize', fin.done)).code, fin.out()).toBe(0);
    expect(fin.out()).toMatch(/7 chunks, 40 rows verified/);
    const info = JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8'));
    const refInfo = JSON.parse(readFileSync(join(ref, 'dataset_info.json'), 'utf8'));
    expect(info.completed_samples).toBe(40);
    expect(info.chunks).toEqual(refInfo.chunks);
    expect(h5Digest(out)).toEqual(h5Digest(ref));

    // A rerun of a finished shard makes nothing.
    const again = spawnScaleOut(['generate', '--config', cfg, '--shard', '1', '--of', '2', '--runner', fixtureRunner], { VSTDS_TEST_RUN_LOG: runLog });
    procs.push(again);
    expect((await within(180_000, 'shard rerun', again.done)).code).toBe(0);
    expect(again.out()).toMatch(/0 chunks written .* 3 were already there/);
  }, 480_000);

  it('finalize names missing chunks, moves a corrupt chunk aside, and lists only sound chunks', async () => {
    const dir = tempDir('finalize');
    const out = join(dir, 'dataset');
    const config = loadConfig(writeFixtureConfig(dir, { output_dir: out, num_samples: 24, samples_per_file: 6 }));
    await runShardGenerate({ config, shard: 0, of: 1, runner: fixtureRunChunk });
    rmSync(join(out, 'dataset_0001.h5'));
    truncateSync(join(out, 'dataset_0002.h5'), 3000);
    let err: unknown;
    try {
      await finalizeDataset(out);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FinalizeError);
    expect((err as FinalizeError).missing).toEqual([1]);
    expect((err as FinalizeError).broken.map((b) => b.file)).toEqual(['dataset_0002.h5']);
    expect((err as Error).message).toMatch(/1 chunks missing \(1\); dataset_0002\.h5: /);
    expect(existsSync(join(out, 'dataset_0002.h5.broken'))).toBe(true);
    const info = JSON.parse(readFileSync(join(out, 'dataset_info.json'), 'utf8'));
    expect(info.chunks.map((c: { index: number }) => c.index)).toEqual([0, 3]);
    expect(info.completed_samples).toBe(12);

    // Rerunning the shard remakes exactly the two missing chunks; finalize then succeeds.
    const s = await runShardGenerate({ config, shard: 0, of: 1, runner: fixtureRunChunk });
    expect(s.results.map((r) => r.chunkIndex)).toEqual([1, 2]);
    const report = await finalizeDataset(out);
    expect(report.completed_samples).toBe(24);
  });

  it('finalize rejects a chunk whose bytes differ from what its worker reported, and refuses a directory of another config', async () => {
    const dir = tempDir('finalize2');
    const out = join(dir, 'dataset');
    const config = loadConfig(writeFixtureConfig(dir, { output_dir: out, num_samples: 12, samples_per_file: 6 }));
    const s = await runShardGenerate({ config, shard: 0, of: 1, runner: fixtureRunChunk });
    const expected = new Map(s.results.map((r) => [r.chunkIndex, r.sha256]));
    expected.set(1, '0'.repeat(64));
    await expect(finalizeDataset(out, { expectedSha256: expected })).rejects.toThrow(/dataset_0001\.h5: sha256 [0-9a-f]{64}, the worker that wrote it reported 0{64}/);

    const other = loadConfig(writeFixtureConfig(dir, { output_dir: out, num_samples: 12, samples_per_file: 6, seed: 99 }));
    expect(() => claimOutputDir(other)).toThrow(ResumeMismatchError);
    expect(() => claimOutputDir(other)).toThrow(/differs in: seed/);
    writeFileSync(join(out, 'dataset_plan.json'), '{nope');
    expect(() => claimOutputDir(config)).toThrow(/dataset_plan\.json: expected a vstds dataset plan/);
    expect(readdirSync(out)).toContain('dataset_0000.h5');
  });

  it('refuses to add chunks to a dataset begun in an older chunk format (exit 2), leaving it as it was', async () => {
    const dir = tempDir('format1');
    const out = join(dir, 'dataset');
    const config = loadConfig(writeFixtureConfig(dir, { output_dir: out, num_samples: 12, samples_per_file: 6 }));
    await runShardGenerate({ config, shard: 0, of: 1, runner: fixtureRunChunk });
    await finalizeDataset(out);
    const manifest = join(out, 'dataset_info.json');
    const v1 = JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), format_version: 1 });
    writeFileSync(manifest, v1);
    let err: unknown;
    try {
      claimOutputDir(config);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FormatVersionResumeError);
    expect((err as FormatVersionResumeError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/dataset_info\.json: format_version: expected 2 to add chunks with --queue or --shard, got 1 .*vstds generate/);
    expect(readFileSync(manifest, 'utf8')).toBe(v1);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['dataset_0000.h5', 'dataset_0001.h5']));
  });
});
