import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProgress, loadConfig } from '@vstds/pipeline';
import { main } from '../src/index';
import { resolveUserPath, userCwd } from '../src/find-config';
import { expandListFlag } from '../src/cli-args';
import { cleanupTempDirs, captureIO, repoRoot, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

describe('vstds command line', () => {
  it('prints usage with --help (exit 0) and without a command (exit 2)', async () => {
    const io = captureIO();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out).toMatch(/vstds generate --config FILE/);
    for (const cmd of ['info DIR', 'verify DIR', 'plugin PATH', 'spec init PATH', 'render PATH']) expect(io.out).toContain(`vstds ${cmd}`);
    expect(await main([], captureIO())).toBe(2);
  });

  it('every command has its own --help', async () => {
    for (const cmd of [['generate'], ['info'], ['verify'], ['plugin'], ['spec', 'init'], ['render']]) {
      const io = captureIO();
      expect(await main([...cmd, '--help'], io)).toBe(0);
      expect(io.out).toMatch(/^Usage: vstds /);
    }
  });

  it('suggests the closest command and rejects unknown flags with exit 2, no stack', async () => {
    let io = captureIO();
    expect(await main(['generat'], io)).toBe(2);
    expect(io.err).toBe('vstds: unknown command "generat" (did you mean generate?)\n');
    io = captureIO();
    expect(await main(['generate', '--config', 'x.yaml', '--wrkers', '2'], io)).toBe(2);
    expect(io.err).toMatch(/^vstds generate: Unknown option '--wrkers' \(see vstds generate --help\)\n$/);
    io = captureIO();
    expect(await main(['generate'], io)).toBe(2);
    expect(io.err).toBe('vstds generate: --config FILE is required (see vstds generate --help)\n');
  });

  it('a malformed config exits 2 with one line per problem and no stack trace', async () => {
    const dir = tempDir('cli');
    const cfg = writeConfig(dir, 'original_config.yaml', {
      plugin_path: 'x.vst3', param_spec: 'nekobi', output_dir: 'o', num_samples: 'ten', num_worker: 2,
    });
    const io = captureIO(dir);
    expect(await main(['generate', '--config', cfg], io)).toBe(2);
    expect(io.err.trimEnd().split('\n')).toEqual([
      'original_config.yaml: num_worker: unknown key (did you mean num_workers?)',
      'original_config.yaml: num_samples: expected a positive integer, got "ten"',
    ]);
    expect(io.err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('flags override config keys; --dry-run prints the resolved config', async () => {
    const io = captureIO(join(repoRoot, 'packages'));
    expect(await main(['generate', '--config', '../configs/quickstart.yaml', '--dry-run', '--workers', '3', '--num-samples', '10', '--output', 'here'], io)).toBe(0);
    const c = JSON.parse(io.out);
    expect(c).toMatchObject({ num_workers: 3, num_samples: 10, output_dir: join(repoRoot, 'packages/here') });
    const bad = captureIO();
    expect(await main(['generate', '--config', 'configs/quickstart.yaml', '--num-samples', 'ten'], bad)).toBe(2);
    expect(bad.err).toBe('--num-samples: expected a positive integer, got "ten"\n');
  });

  it('resolves a relative --config from the user directory, then from the workspace root (nx run)', () => {
    expect(userCwd({ INIT_CWD: '/tmp' }, '/elsewhere')).toBe('/tmp');
    expect(userCwd({}, '/elsewhere')).toBe('/elsewhere');
    // nx runs package scripts in the package directory with INIT_CWD set to it.
    const pkg = join(repoRoot, 'packages/cli');
    expect(resolveUserPath('configs/quickstart.yaml', { INIT_CWD: pkg }, pkg)).toBe(join(repoRoot, 'configs/quickstart.yaml'));
    expect(resolveUserPath('configs/quickstart.yaml', { NX_TASK_TARGET_PROJECT: 'cli', NX_WORKSPACE_ROOT: repoRoot, NX_INVOCATION_ROOT_PID: '999999999' }, pkg))
      .toBe(join(repoRoot, 'configs/quickstart.yaml'));
  });

  it('every shipped config is valid and resolves against configs/', () => {
    const files = readdirSync(join(repoRoot, 'configs')).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(['dataset_config_large.yaml', 'nekobi_vst3.yaml', 'original_config.yaml', 'quickstart.yaml']);
    const q = loadConfig(join(repoRoot, 'configs/quickstart.yaml'));
    expect(q).toMatchObject({ plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10', num_samples: 200, samples_per_file: 100, num_workers: 2 });
    expect(q.output_dir).toBe(join(repoRoot, 'datasets/quickstart'));
    const o = loadConfig(join(repoRoot, 'configs/original_config.yaml'));
    expect(o).toMatchObject({ plugin_path: '/usr/lib/vst3/Surge XT.vst3', param_spec: 'surge_xt', num_samples: 20, preset_path: join(repoRoot, 'presets/surge-base.vstpreset') });
    expect(loadConfig(join(repoRoot, 'configs/dataset_config_large.yaml'))).toMatchObject({ num_samples: 100000, samples_per_file: 1000, num_workers: 8 });
    expect(loadConfig(join(repoRoot, 'configs/nekobi_vst3.yaml')).plugin_path).toBe(join(repoRoot, '.plugins/vst3/Nekobi.vst3'));
  });

  it('splits "--params k=v k2=v2" into repeated flags', () => {
    expect(expandListFlag(['P', '--params', 'a=1', 'b=2', '--note', '60'], '--params')).toEqual(['P', '--params', 'a=1', '--params', 'b=2', '--note', '60']);
  });

  it('formats progress with rate, ETA, rejection rate and crashes', () => {
    const p = { rowsTotal: 200, rowsAtStart: 20, rowsAccepted: 40, rowsWritten: 30, attempts: 50, rejections: 5, crashes: 2, timeouts: 1, restarts: 3, elapsedSeconds: 10 };
    expect(formatProgress(p, 10)).toBe('[###-------] 60/200 rows (50 written)  4.0 rows/s  5.0 attempts/s  ETA 0:35  rejected 10.0%  crashes 2  timeouts 1');
  });

  it('progress counts accepted rows from the first one on, before any reaches the writer', () => {
    const line = formatProgress({ rowsTotal: 20, rowsAtStart: 0, rowsAccepted: 3, rowsWritten: 0, attempts: 12, rejections: 9, crashes: 0, timeouts: 0, restarts: 0, elapsedSeconds: 6 });
    expect(line).toBe('3/20 rows (0 written)  0.5 rows/s  2.0 attempts/s  ETA 0:34  rejected 75.0%  crashes 0');
  });
});
