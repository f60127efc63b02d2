import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScaleOutCommand, isScaleOutGenerate } from '../../src/scale-out/generate-scale-out-command';
import { runFinalizeCommand } from '../../src/scale-out/finalize-command';
import { runWorkerCommand } from '../../src/scale-out/worker-command';
import { UsageError } from '../../src/errors';

describe('command flags', () => {
  const io = { stdout: () => {}, stderr: () => {}, isTTY: false, env: {}, cwd: '/' };

  it('reject contradictory or malformed scale-out flags with one-line usage errors (exit code 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vstds-flags-'));
    const cfg = join(dir, 'c.yaml');
    writeFileSync(cfg, 'plugin_path: fixture:none\nparam_spec: mda_jx10\noutput_dir: out\nnum_samples: 10\n');
    const cases: [Promise<number>, RegExp][] = [
      [runWorkerCommand([], io), /--queue URL is required/],
      [runWorkerCommand(['--queue', 'redis://h/0', '--concurrency', '0'], io), /--concurrency: expected a positive integer, got "0"/],
      [runWorkerCommand(['--queue', 'redis://h/0', '--bogus'], io), /vstds worker: Unknown option '--bogus'/],
      [generateScaleOutCommand(['--config', cfg, '--queue', 'redis://h/0', '--shard', '0', '--of', '2'], io), /--queue and --shard\/--of are two ways/],
      [generateScaleOutCommand(['--config', cfg, '--shard', '0', '--of', '2', '--overwrite'], io), /--overwrite with --shard would delete/],
      [generateScaleOutCommand(['--config', cfg, '--shard', '2', '--of', '2'], io), /--shard: expected an integer in 0..1/],
      [generateScaleOutCommand(['--config', cfg, '--of', '2'], io), /--shard: expected an integer in 0..1 .*got null/],
      [generateScaleOutCommand(['--config', cfg, '--queue', 'redis://h/0', '--attempts', 'x'], io), /--attempts: expected a positive integer, got "x"/],
      [runFinalizeCommand([], io), /expected one dataset directory/],
    ];
    for (const [p, re] of cases) {
      const e = await p.then(() => undefined, (x: unknown) => x);
      expect(e, String(re)).toBeDefined();
      expect((e as Error).message).toMatch(re);
      if (e instanceof UsageError || (e as { exitCode?: number }).exitCode !== undefined) expect((e as { exitCode: number }).exitCode).toBe(2);
    }
    expect(isScaleOutGenerate(['--config', 'x', '--queue', 'redis://h'])).toBe(true);
    expect(isScaleOutGenerate(['--config', 'x', '--shard=1', '--of=4'])).toBe(true);
    expect(isScaleOutGenerate(['--config', 'x', '--workers', '4'])).toBe(false);
  });
});
