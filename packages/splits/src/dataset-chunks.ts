import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ChunkEntry, type DatasetInfo, MANIFEST_FILE, listMissingChunks, readManifest } from '@vstds/hdf5-chunks';
import { DamagedChunkError, IncompleteDatasetError, SplitManifestError } from './errors';
import { checkChunkFile } from './native-addon';

/** A complete dataset's manifest and its chunk files in global-id order, each checked readable. */
export interface CompleteDataset {
  dir: string;
  manifest: DatasetInfo;
  chunks: (ChunkEntry & { path: string })[];
}

/**
 * Refuses an incomplete dataset (naming the missing chunks) and a damaged one (naming the chunk):
 * every chunk file must exist with the manifest's size and open with the first chunk's datasets,
 * types and row shapes, holding the manifest's row count.
 */
export function openCompleteDataset(dir: string): CompleteDataset {
  const manifest = readManifest(dir);
  const mpath = join(dir, MANIFEST_FILE);
  if (!manifest) throw new SplitManifestError(mpath, '(file)', 'the manifest of a dataset written by vstds generate', 'no such file');
  const missing = listMissingChunks(manifest).map((c) => c.file);
  const chunks = [...manifest.chunks].sort((a, b) => a.first_global_id - b.first_global_id).map((c) => ({ ...c, path: join(dir, c.file) }));
  for (const c of chunks) if (!existsSync(c.path)) missing.push(`${c.file} (listed, file absent)`);
  if (missing.length > 0) throw new IncompleteDatasetError(dir, missing);
  let next = 0;
  for (const c of chunks) {
    if (c.first_global_id !== next) throw new SplitManifestError(mpath, `chunks[${c.index}].first_global_id`, String(next), String(c.first_global_id));
    next += c.num_samples;
  }
  if (next !== manifest.total_samples) throw new IncompleteDatasetError(dir, [`rows ${next}..${manifest.total_samples - 1} (chunks hold ${next} of ${manifest.total_samples})`]);
  const template = chunks[0]!.path;
  for (const c of chunks) {
    const bytes = statSync(c.path).size;
    if (bytes !== c.bytes) throw new DamagedChunkError(c.path, `size ${bytes} bytes, ${MANIFEST_FILE} says ${c.bytes} (truncated or rewritten?)`);
    for (const d of checkChunkFile(c.path, template)) {
      if (d.rows !== c.num_samples) throw new DamagedChunkError(c.path, `dataset ${d.name}: expected ${c.num_samples} rows (${MANIFEST_FILE}), got ${d.rows}`);
    }
  }
  return { dir, manifest, chunks };
}
