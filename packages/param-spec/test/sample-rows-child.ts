// Child process for cross-process reproducibility: samples rows of a spec in the order given on argv
// and prints one line per row: index, then a SHA-256 of its encoded bytes and its parameter JSON.
import { createHash } from 'node:crypto';
import { loadSpec, sampleRow } from '../src/index';

const [specName, seed, order] = process.argv.slice(2) as [string, string, string];
const spec = loadSpec(specName);
const indices = order.split(',').map(Number);
const lines: string[] = [];
for (const index of indices) {
  const row = sampleRow(spec, { seed: Number(seed), index, attempt: 0 });
  const h = createHash('sha256')
    .update(Buffer.from(row.encoded.buffer))
    .update(JSON.stringify([row.synthParams, row.noteParams]))
    .digest('hex');
  lines.push(`${index} ${h}`);
}
process.stdout.write(lines.join('\n') + '\n');
