import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { GenerateConfig } from '@vstds/pipeline';
import { contentNeutralKeys } from '@vstds/pipeline';

/**
 * Identity of a dataset in a shared queue: the content-relevant resolved config plus where it is
 * written. Two runs of the same config into the same directory share it, so enqueuing twice adds
 * nothing; the same config into two directories are two datasets (each must get all its chunks).
 */
export function datasetId(config: GenerateConfig): string {
  const content: Record<string, unknown> = {};
  for (const key of Object.keys(config).sort()) {
    if ((contentNeutralKeys as string[]).includes(key)) continue;
    content[key] = (config as unknown as Record<string, unknown>)[key];
  }
  const h = createHash('sha256').update(JSON.stringify({ content, output_dir: resolve(config.output_dir) }));
  return h.digest('hex').slice(0, 16);
}

/** BullMQ job id of a chunk: deterministic, so `add` with an existing id is a no-op. */
export function chunkJobId(id: string, chunkIndex: number): string {
  // BullMQ reserves ids made of digits only and ids with ':'; this has neither.
  return `${id}-c${chunkIndex}`;
}
