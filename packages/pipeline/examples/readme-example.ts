import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, parseConfig } from '@vstds/pipeline';

// A config as a notebook or script would write it (parseConfig also takes YAML text).
const dir = mkdtempSync(join(tmpdir(), 'vstds-pipeline-example-'));
const config = parseConfig(
  JSON.stringify({ plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10', output_dir: 'out', num_samples: 6, samples_per_file: 3, num_workers: 2, signal_duration_seconds: 1, note_duration_seconds: 0.5 }),
  { label: 'example', baseDir: dir },
);
const summary = await generate(config, { log: (line) => console.log(line) });
console.log(`${summary.rows_written} rows in ${config.output_dir}, ${summary.crashes} crashes`);
// Run it again: the dataset is complete, so it resumes with nothing to do.
console.log(`rerun: ${(await generate(config)).rows_written} rows written`);
