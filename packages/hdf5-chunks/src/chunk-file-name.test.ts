import { describe, expect, it } from 'vitest';
import { chunkFileName } from './chunk-file-name';
import { COMPRESSION_CHOICES, DEFAULT_COMPRESSION, formatCompression, parseCompression } from './compression';
import { CompressionError } from './errors';

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
  const both = (codec: string, level?: number) => {
    const one = level === undefined ? { codec } : { codec, level };
    return { audio: one, mel_spec: one };
  };
  it('reads every codec with its default or given level', () => {
    expect(parseCompression('none')).toEqual(both('none'));
    expect(parseCompression('gzip')).toEqual(both('gzip', 4));
    expect(parseCompression('gzip:1')).toEqual(both('gzip', 1));
    expect(parseCompression('lz4')).toEqual(both('lz4'));
    expect(parseCompression('zstd')).toEqual(both('zstd', 3));
    expect(parseCompression('zstd:22')).toEqual(both('zstd', 22));
    expect(parseCompression('blosc:lz4')).toEqual(both('blosc:lz4', 5));
    expect(parseCompression('blosc:zstd:9')).toEqual(both('blosc:zstd', 9));
    expect(parseCompression(undefined)).toEqual(parseCompression(DEFAULT_COMPRESSION));
  });
  it('reads a map per array; an array not named is stored plain', () => {
    expect(parseCompression({ audio: 'blosc:zstd:5', mel_spec: 'blosc:lz4' })).toEqual({
      audio: { codec: 'blosc:zstd', level: 5 }, mel_spec: { codec: 'blosc:lz4', level: 5 },
    });
    expect(parseCompression({ audio: 'lz4' })).toEqual({ audio: { codec: 'lz4' }, mel_spec: { codec: 'none' } });
    expect(formatCompression(parseCompression({ audio: 'blosc:zstd:5', mel_spec: 'blosc:lz4' }))).toBe('audio=blosc:zstd:5, mel_spec=blosc:lz4:5');
    expect(formatCompression(parseCompression('blosc:lz4'))).toBe('blosc:lz4:5');
  });
  it('names the key and the choices for bad codecs and levels', () => {
    const err = (s: Parameters<typeof parseCompression>[0]) => {
      try {
        parseCompression(s);
      } catch (e) {
        expect(e).toBeInstanceOf(CompressionError);
        expect((e as CompressionError).code).toBe('COMPRESSION');
        return (e as Error).message;
      }
      throw new Error('expected a CompressionError');
    };
    expect(err('lzf')).toBe(`compression: expected ${COMPRESSION_CHOICES}, got "lzf"`);
    expect(err('gzip:0')).toBe('compression: expected gzip with a level from 1 to 9, got "gzip:0"');
    expect(err('zstd:23')).toBe('compression: expected zstd with a level from 1 to 22, got "zstd:23"');
    expect(err('lz4:3')).toBe('compression: expected lz4 without a level, got "lz4:3"');
    expect(err('blosc:snappy')).toMatch(/^compression: expected none, gzip/);
    expect(err({ audio: 'blosc:lz4:10' })).toBe('compression.audio: expected blosc:lz4 with a level from 1 to 9, got "blosc:lz4:10"');
    expect(err({ params: 'lz4' } as never)).toBe('compression.params: expected one of the arrays audio, mel_spec, got "params"');
  });
});
