import { join } from 'node:path';
import { Observable, type OperatorFunction, from, switchMap } from 'rxjs';
import type { ChunkRow } from './chunk-row';
import { chunkFileName } from './chunk-file-name';
import { ChunkWriter, type ChunkWritten } from './chunk-writer';
import { FileHasher } from './file-hasher';
import type { DatasetDir } from './dataset-dir';
import { RowOrderError } from './errors';
import { loadH5wasm } from './h5wasm-module';
import { chunkRowCount, writeManifest } from './manifest';

/**
 * Operator: finished rows in global-id order → one `ChunkWritten` per completed chunk. A chunk is
 * sealed (HDF5 closed) when it holds its rows (samples_per_file, fewer for the last); then, while
 * the next chunk's rows are written, it is fsynced, read back and checksummed off the main thread,
 * renamed and added to dataset_info.json, which is rewritten atomically before the event is emitted.
 * Chunks are listed and emitted in order; the stream completes (or passes on an upstream error)
 * only when every sealed chunk is listed. On error or unsubscribe the open chunk's partial file and
 * those of sealed chunks not yet listed are deleted; the manifest keeps only finished chunks.
 */
export function writeChunks(dataset: DatasetDir): OperatorFunction<ChunkRow, ChunkWritten> {
  return (rows) =>
    from(loadH5wasm()).pipe(
      switchMap(
        () =>
          new Observable<ChunkWritten>((subscriber) => {
            const info = dataset.info;
            const done = new Set(info.chunks.map((c) => c.index));
            let writer: ChunkWriter | undefined;
            let expected = 0;
            let stopped = false;
            const hasher = new FileHasher();
            // Sealed chunks finish one after another, so the manifest grows in chunk order.
            let finishing: Promise<void> = Promise.resolve();
            const fail = (err: unknown) => {
              if (stopped) return;
              stopped = true;
              writer?.abort();
              writer = undefined;
              hasher.close();
              subscriber.error(err);
            };
            const finish = (sealed: ChunkWriter) => {
              finishing = finishing
                .then(async () => {
                  if (stopped) return sealed.abort();
                  const written = await sealed.finishInBackground(hasher);
                  info.chunks.push(written);
                  done.add(written.index);
                  writeManifest(dataset.dir, info);
                  info.completed_samples += written.num_samples;
                  if (!stopped) subscriber.next(written);
                })
                .catch(fail);
            };
            const sub = rows.subscribe({
              next: (row) => {
                if (stopped) return; // a synchronous source keeps calling after we failed
                try {
                  const index = Math.floor(row.globalId / info.samples_per_file);
                  if (writer && writer.options.index !== index) {
                    throw new RowOrderError(
                      `${writer.options.file}: row ${row.globalId} belongs to chunk ${index}, but chunk ${writer.options.index} has ${writer.numRows} of ${expected} rows`,
                    );
                  }
                  if (!writer) {
                    if (row.globalId < 0 || row.globalId >= info.total_samples) {
                      throw new RowOrderError(`row ${row.globalId}: expected a global id in 0..${info.total_samples - 1}`);
                    }
                    if (done.has(index)) throw new RowOrderError(`row ${row.globalId}: chunk ${index} is already complete`);
                    expected = chunkRowCount(info, index);
                    writer = ChunkWriter.createLoaded({
                      file: join(dataset.dir, chunkFileName(info.file_naming, index)),
                      index,
                      firstGlobalId: index * info.samples_per_file,
                      expectedRows: expected,
                      compression: dataset.compression,
                      metadata: dataset.metadata,
                      formatVersion: info.format_version,
                    });
                  }
                  writer.write(row);
                  if (writer.numRows === expected) {
                    const sealed = writer;
                    writer = undefined;
                    sealed.seal();
                    finish(sealed);
                  }
                } catch (err) {
                  fail(err);
                }
              },
              error: (err: unknown) => {
                if (stopped) return;
                writer?.abort();
                writer = undefined;
                void finishing.then(() => fail(err));
              },
              complete: () => {
                if (stopped) return;
                if (writer) {
                  fail(new RowOrderError(`${writer.options.file}: the row stream ended with ${writer.numRows} of ${expected} rows`));
                  return;
                }
                void finishing.then(() => {
                  if (stopped) return;
                  stopped = true;
                  hasher.close();
                  subscriber.complete();
                });
              },
            });
            return () => {
              stopped = true;
              sub.unsubscribe();
              writer?.abort();
              writer = undefined;
              hasher.close();
            };
          }),
      ),
    );
}
