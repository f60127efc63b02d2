import { generateChunks } from '@vstds/pipeline';
import type { ChunkRunner } from './chunk-runner';
import { allChunks, plannedChunk } from './chunk-plan';
import { ChunkJobError } from './scale-out-errors';

/**
 * vstds' generate pipeline as a ChunkRunner: its chunk-level entry makes exactly this chunk in the
 * private directory it is given, with the same code and bytes as a single-machine run. The
 * directory (and the manifest the pipeline keeps there) is thrown away afterwards; render noise
 * is not measured (it only feeds the dataset's manifest, which finalize writes).
 */
export const runChunk: ChunkRunner = async ({ config, chunkIndex, outputDir, renderWorkers, onRows, log }) => {
  const planned = plannedChunk(config, chunkIndex);
  if (planned.numSamples <= 0) throw new ChunkJobError(`chunk ${chunkIndex}: expected an index below ${allChunks(config).length}, got ${chunkIndex}`);
  const [w] = await generateChunks(config, { dir: outputDir, chunks: [chunkIndex], renderWorkers, log, onRows });
  if (!w || w.index !== chunkIndex) throw new ChunkJobError(`chunk ${chunkIndex}: expected the pipeline to write ${planned.file}, got ${w ? w.file : 'nothing'}`);
  return { chunkIndex, file: w.file, numSamples: w.num_samples, bytes: w.bytes, sha256: w.sha256 };
};
