// Done-when suite of issue 13: instruments from Debian's archive (and the project's own Nekobi)
// each load, get a drafted spec from `vstds spec init`, and generate 20 rows with two workers,
// through the CLI as users run it. The figures (crashes, acceptance) print for the record.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpec } from '@vstds/param-spec';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@vstds/pipeline';
import { cleanupTempDirs, collect, pluginsDir, spawnCli, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

interface Instrument {
  name: string;
  path: string;
  pitch?: [number, number];
}

const instruments: Instrument[] = [
  { name: 'setbfree', path: 'http://gareus.org/oss/lv2/b_synth' },
  { name: 'synthv1', path: 'http://synthv1.sourceforge.net/lv2' },
  { name: 'calf_monosynth', path: 'http://calf.sourceforge.net/plugins/Monosynth' },
  { name: 'eg_sampler', path: 'http://lv2plug.in/plugins/eg-sampler' },
  // General MIDI drum notes: the kit maps 35..81, the default 48..72 would hit gaps.
  { name: 'avldrums', path: 'http://gareus.org/oss/lv2/avldrums#BlackPearl', pitch: [36, 51] },
  { name: 'nekobi', path: join(pluginsDir, 'Nekobi.vst3') },
];

describe('Debian instruments: spec init, then generate 20 rows with 2 workers', () => {
  it.each(instruments)(
    '$name',
    async ({ name, path, pitch }) => {
      const dir = tempDir(`debian-${name}`);
      const pitchArgs = pitch ? ['--min-pitch', String(pitch[0]), '--max-pitch', String(pitch[1])] : [];
      const init = await collect(spawnCli(['spec', 'init', path, '--name', name, ...pitchArgs]));
      expect(init.code, init.stderr).toBe(0);
      const spec = parseSpec(init.stdout, `${name}.yaml`);
      const expected = /Expected acceptance at -55 LUFS: (\d+)%/.exec(init.stderr);
      expect(expected, init.stderr).not.toBeNull();
      const specFile = join(dir, `${name}.yaml`);
      writeFileSync(specFile, init.stdout);
      const config = writeConfig(dir, 'config.yaml', {
        plugin_path: path,
        param_spec: specFile,
        output_dir: join(dir, 'out'),
        num_samples: 20,
        samples_per_file: 10,
        num_workers: 2,
        seed: 13,
      });
      const run = await collect(spawnCli(['generate', '--config', config]));
      expect(run.code, run.stderr.slice(-2000)).toBe(0);
      const summary = JSON.parse(readFileSync(join(dir, 'out', 'run_summary.json'), 'utf8')) as RunSummary;
      expect(summary).toMatchObject({ status: 'complete', rows_written: 20, crashes: 0 });
      const acceptance = summary.rows_written / summary.attempts;
      console.log(
        `${name}: ${spec.synth_params.length} sampled parameters; spec init expected ${expected![1]}%; ` +
          `generate accepted ${(100 * acceptance).toFixed(0)}% (${summary.rows_written}/${summary.attempts} attempts), ` +
          `crashes ${summary.crashes}, worker starts ${summary.worker_starts}, ${summary.wall_seconds.toFixed(1)} s`,
      );
      // Qt's per-instance warnings stay out of the terminal.
      expect(run.stderr).not.toContain('QApplication was not created in the main() thread');
      if (spec.synth_params.length > 0) expect(acceptance).toBeGreaterThanOrEqual(0.5);
    },
    300_000,
  );
});
