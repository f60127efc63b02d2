import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DATASET_FORMAT, DATASET_FORMAT_VERSION, type DatasetInfo, formatCompression, parseCompression, sha256File, VSTDS_VERSION, writeManifest,
} from '@vstds/hdf5-chunks';
import type { GenerateConfig } from '../config-schema';
import type { ChunkRunner } from './chunk-runner';
import { allChunks, plannedChunk } from './chunk-plan';
import { ChunkJobError } from './scale-out-errors';

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/**
 * vstds' generate pipeline as a ChunkRunner, through its public `generate()` and its resume:
 * in the private directory it is given, every other chunk is listed as finished (an empty
 * placeholder file whose size and sha256 the manifest records), so the pipeline makes exactly
 * this chunk, with the same code and bytes as a single-machine run. The directory is thrown
 * away afterwards. The render-noise measurement is skipped (it only feeds the manifest).
 */
export const runChunk: ChunkRunner = async ({ config, chunkIndex, outputDir, renderWorkers, onRows, log }) => {
  const planned = plannedChunk(config, chunkIndex);
  if (planned.numSamples <= 0) throw new ChunkJobError(`chunk ${chunkIndex}: expected an index below ${allChunks(config).length}, got ${chunkIndex}`);
  const cfg: GenerateConfig = { ...config, output_dir: outputDir, num_workers: renderWorkers ?? config.num_workers };
  const others = allChunks(config).filter((c) => c.index !== chunkIndex);
  for (const c of others) writeFileSync(join(outputDir, c.file), '');
  const info: DatasetInfo = {
    format: DATASET_FORMAT,
    format_version: DATASET_FORMAT_VERSION,
    vstds_version: VSTDS_VERSION,
    total_samples: cfg.num_samples,
    completed_samples: 0,
    samples_per_file: cfg.samples_per_file,
    num_chunks: others.length + 1,
    file_naming: cfg.file_naming,
    compression: formatCompression(parseCompression(cfg.compression)),
    audio: {} as DatasetInfo['audio'], // replaced by the pipeline when it opens the directory
    n_mels: 128,
    param_names: [],
    seed: cfg.seed,
    config: cfg as never,
    spec: null,
    plugin: null,
    extra: { render_noise: 0 },
    chunks: others.map((c) => ({ file: c.file, index: c.index, first_global_id: c.firstGlobalId, num_samples: c.numSamples, bytes: 0, sha256: EMPTY_SHA256 })),
  };
  writeManifest(outputDir, info);

  const rowsBefore = cfg.num_samples - planned.numSamples;
  const { generate } = await import('../generate');
  const summary = await generate(cfg, {
    // Its note about resuming the placeholder directory would only confuse.
    log: (line) => {
      if (!line.startsWith(`resuming ${outputDir}`)) log?.(line);
    },
    // The pipeline reports progress as text only; its "done/total rows" gives this chunk's rows.
    progress: {
      tty: true,
      write: (text) => {
        const m = /(\d+)\/(\d+) rows/.exec(text);
        if (m && Number(m[2]) === cfg.num_samples) onRows?.(Math.max(0, Number(m[1]) - rowsBefore));
      },
    },
  });
  if (summary.chunks_written !== 1 || summary.rows_written !== planned.numSamples) {
    throw new ChunkJobError(
      `chunk ${chunkIndex}: expected the pipeline to write this chunk alone (${planned.numSamples} rows), ` +
        `got ${summary.chunks_written} chunks and ${summary.rows_written} rows: its resume no longer accepts the placeholders`,
    );
  }
  const { sha256, bytes } = sha256File(join(outputDir, planned.file));
  onRows?.(planned.numSamples);
  return { chunkIndex, file: planned.file, numSamples: planned.numSamples, bytes, sha256 };
};
