import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@vstds/pipeline';
import { finalizeDataset, runShardGenerate } from '@vstds/scale-out';

// Two static shards of one dataset (on a cluster: one per machine, same shared output_dir),
// then finalize: verify every chunk and write the manifest.
const dir = mkdtempSync(join(tmpdir(), 'vstds-scale-out-example-'));
const config = parseConfig(
  JSON.stringify({ plugin_path: 'http://drobilla.net/plugins/mda/JX10', param_spec: 'mda_jx10', output_dir: 'out', num_samples: 8, samples_per_file: 2, signal_duration_seconds: 1, note_duration_seconds: 0.5 }),
  { label: 'example', baseDir: dir },
);
for (const shard of [0, 1]) {
  const s = await runShardGenerate({ config, shard, of: 2, renderWorkers: 1 });
  console.log(`shard ${shard}/2: chunks ${s.chunks.join(', ')}, ${s.rows_written} rows`);
}
const report = await finalizeDataset(config.output_dir, { config });
console.log(`finalized: ${report.completed_samples}/${report.total_samples} rows in ${report.num_chunks} chunks`);
