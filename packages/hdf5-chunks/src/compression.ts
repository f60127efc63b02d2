import { Hdf5ChunksError } from './errors';

/** `none`, or gzip (deflate, readable by stock h5py) with a level 1..9 (default 4). */
export type Compression = { kind: 'none' } | { kind: 'gzip'; level: number };

/** Parses `none`, `gzip` or `gzip:LEVEL` as written in a config file. */
export function parseCompression(text: string | undefined): Compression {
  if (text === undefined || text === 'none') return { kind: 'none' };
  const m = /^gzip(?::([1-9]))?$/.exec(text);
  if (!m) throw new Hdf5ChunksError(`compression: expected "none", "gzip" or "gzip:1".."gzip:9", got ${JSON.stringify(text)}`);
  return { kind: 'gzip', level: m[1] ? Number(m[1]) : 4 };
}

export function formatCompression(c: Compression): string {
  return c.kind === 'none' ? 'none' : `gzip:${c.level}`;
}
