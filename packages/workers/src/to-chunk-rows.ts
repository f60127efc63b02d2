import type { ChunkRow } from '@vstds/hdf5-chunks';
import { map, type OperatorFunction } from 'rxjs';
import type { AcceptedRow } from './row-job';

/** The row as hdf5-chunks stores it: arrays from the worker, parameters and note from the draw. */
export function toChunkRow({ job, row }: AcceptedRow): ChunkRow {
  const velocity = job.notes[0]?.velocity ?? 0;
  return {
    globalId: job.id,
    audio: row.audio,
    mel: row.mel,
    paramArray: job.encoded,
    // Key order is part of the stored bytes: synth parameters, note parameters, velocity.
    parameters: { ...job.params, ...job.noteParams, velocity } as ChunkRow['parameters'],
    midiNote: job.noteParams.pitch,
    velocity,
    ...(job.preset ? { preset: { file: job.preset.file, sha256: job.preset.sha256 } } : {}),
    peak: row.peak,
    ...(row.release ? { release: row.release } : {}),
  };
}

/** Operator form of toChunkRow, between redraw and hdf5-chunks' writeChunks. */
export function toChunkRows(): OperatorFunction<AcceptedRow, ChunkRow> {
  return map(toChunkRow);
}
