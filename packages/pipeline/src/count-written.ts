import { type ChunkRow, type ChunkWritten, type DatasetDir, writeChunks } from '@vstds/hdf5-chunks';
import { Observable, type OperatorFunction } from 'rxjs';
import type { RunProgress } from './run-progress';

/** hdf5-chunks' writeChunks, counting the rows handed to the writer and the time its writes take. */
export function countWritten(dataset: DatasetDir, progress: RunProgress): OperatorFunction<ChunkRow, ChunkWritten> {
  return (rows) =>
    new Observable<ChunkRow>((sub) =>
      rows.subscribe({
        next: (r) => {
          const t = performance.now();
          progress.rowsWritten++;
          sub.next(r);
          progress.stageMs.write = (progress.stageMs.write ?? 0) + performance.now() - t;
        },
        error: (e: unknown) => sub.error(e),
        complete: () => sub.complete(),
      }),
    ).pipe(writeChunks(dataset));
}
