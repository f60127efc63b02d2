import { acquireDatasetLock, type DatasetLock, DatasetLockedError, type LockScope } from '@vstds/hdf5-chunks';
import { OutputDirLockedError } from './errors';

/**
 * The writer lock every command that writes into a dataset directory takes first (see
 * @vstds/hdf5-chunks acquireDatasetLock): a second writer fails at once with one line naming
 * the holder, exit 2. Default scope: the whole directory.
 */
export function lockOutputDir(dir: string, log: (line: string) => void, scope?: LockScope): DatasetLock {
  try {
    return acquireDatasetLock(dir, { scope, command: `vstds ${process.argv.slice(2).join(' ')}`, log });
  } catch (e) {
    if (e instanceof DatasetLockedError) throw new OutputDirLockedError(e.message);
    throw e;
  }
}

/**
 * Static shards of one array job write different chunks of one directory by design: they share
 * the lock by shard count; the same index twice, another count, or a whole-directory writer conflict.
 */
export function shardLockScope(shard: number, of: number): LockScope {
  return { kind: 'shared', group: `shards-of-${of}`, member: String(shard) };
}
