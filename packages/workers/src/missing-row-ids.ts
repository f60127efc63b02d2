import { type DatasetDir, listMissingChunks } from '@vstds/hdf5-chunks';
import { from, type Observable } from 'rxjs';

/**
 * The global ids of the rows a dataset directory still lacks (its missing chunks' rows, in
 * order), optionally only those of the given chunk indices: the source of a resumable pipeline.
 */
export function missingRowIds(dataset: DatasetDir, onlyChunks?: readonly number[]): Observable<number> {
  const ids: number[] = [];
  for (const c of listMissingChunks(dataset.info)) {
    if (onlyChunks && !onlyChunks.includes(c.index)) continue;
    for (let i = 0; i < c.num_samples; i++) ids.push(c.first_global_id + i);
  }
  return from(ids);
}
