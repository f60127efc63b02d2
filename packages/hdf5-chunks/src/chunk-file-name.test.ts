import { describe, expect, it } from 'vitest';
import { chunkFileName } from './chunk-file-name';
import { parseCompression } from './compression';

describe('chunkFileName', () => {
  it('expands the seed’s Python-style patterns', () => {
    expect(chunkFileName('dataset_{chunk:04d}.h5', 7)).toBe('dataset_0007.h5');
    expect(chunkFileName('part-{chunk}.h5', 12)).toBe('part-12.h5');
    expect(chunkFileName('x{chunk:3d}.h5', 5)).toBe('x  5.h5');
  });
  it('rejects patterns without {chunk} or with directories', () => {
    expect(() => chunkFileName('dataset.h5', 0)).toThrow(/expected a pattern containing \{chunk\}/);
    expect(() => chunkFileName('../up_{chunk}.h5', 0)).toThrow(/expected a plain file name/);
  });
});

describe('parseCompression', () => {
  it('reads none, gzip and gzip:level', () => {
    expect(parseCompression(undefined)).toEqual({ kind: 'none' });
    expect(parseCompression('gzip')).toEqual({ kind: 'gzip', level: 4 });
    expect(parseCompression('gzip:1')).toEqual({ kind: 'gzip', level: 1 });
    expect(() => parseCompression('lzf')).toThrow(/expected "none", "gzip"/);
  });
});
