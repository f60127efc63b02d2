import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROW_ARRAYS, type RowArrayName } from './chunk-schema';
import { CompressionError } from './errors';

/** Codecs a row array can be stored with, as written in a config. */
export const CODECS = ['none', 'gzip', 'lz4', 'zstd', 'blosc:lz4', 'blosc:zstd', 'blosc:zlib'] as const;
export type CodecName = (typeof CODECS)[number];

interface CodecSpec {
  /** HDF5 filter id (0: none). */
  filter: number;
  /** Level range and default; undefined for codecs without a level. */
  levels?: { min: number; max: number; default: number };
  /** h5wasm-plugins library that provides the filter (undefined: built into HDF5). */
  plugin?: string;
  /** Blosc compressor code (blosclz 0, lz4 1, lz4hc 2, snappy 3, zlib 4, zstd 5). */
  blosc?: number;
}

const SPECS: Record<CodecName, CodecSpec> = {
  none: { filter: 0 },
  gzip: { filter: 1, levels: { min: 1, max: 9, default: 4 } },
  lz4: { filter: 32004, plugin: 'libH5Zlz4.so' },
  zstd: { filter: 32015, levels: { min: 1, max: 22, default: 3 }, plugin: 'libH5Zzstd.so' },
  'blosc:lz4': { filter: 32001, levels: { min: 1, max: 9, default: 5 }, plugin: 'libH5Zblosc.so', blosc: 1 },
  'blosc:zstd': { filter: 32001, levels: { min: 1, max: 9, default: 5 }, plugin: 'libH5Zblosc.so', blosc: 5 },
  'blosc:zlib': { filter: 32001, levels: { min: 1, max: 9, default: 5 }, plugin: 'libH5Zblosc.so', blosc: 4 },
};

/** How one row array is stored. Blosc always byte-shuffles (by the array's element size). */
export interface ArrayCompression {
  codec: CodecName;
  /** The level, for codecs that have one. */
  level?: number;
}

/** The codec of each row array (`audio`, `mel_spec`); the small per-row datasets are stored plain. */
export type Compression = Record<RowArrayName, ArrayCompression>;

/** Both arrays stored plain. */
export const NO_COMPRESSION: Compression = Object.freeze({ audio: { codec: 'none' }, mel_spec: { codec: 'none' } }) as Compression;

/** A `compression` setting as a config gives it: one codec for both arrays, or one per array. */
export type CompressionSetting = string | Partial<Record<RowArrayName, string>>;

/**
 * The codec for configs that do not set `compression` (chosen from `npx nx run hdf5-chunks:bench`:
 * see the README). Changing it changes the bytes such configs produce.
 */
export const DEFAULT_COMPRESSION = 'blosc:lz4';

export const COMPRESSION_CHOICES =
  'none, gzip[:1..9], lz4, zstd[:1..22], blosc:lz4[:1..9], blosc:zstd[:1..9], blosc:zlib[:1..9], or a map {audio: CODEC, mel_spec: CODEC}';

/** The HDF5 filter id and cd_values to create a dataset with. */
export interface FilterSettings {
  filter: number;
  cdValues: number[];
}

/** Where h5wasm-plugins keeps its WebAssembly filter libraries (read from the real file system). */
export function filterPluginDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('h5wasm-plugins/package.json')), 'plugins');
}

/**
 * Parses a `compression` setting: `none | gzip[:N] | lz4 | zstd[:N] | blosc:lz4[:N] | blosc:zstd[:N] |
 * blosc:zlib[:N]`, or a map from array name to one of those (arrays not named are stored plain). Throws
 * a CompressionError naming the key (`compression` or `compression.audio`) and the choices for an
 * unknown codec, a level out of range or a codec whose filter plugin is not installed.
 */
export function parseCompression(setting: CompressionSetting | undefined | null, key = 'compression'): Compression {
  if (setting === undefined || setting === null) return parseCompression(DEFAULT_COMPRESSION, key);
  if (typeof setting === 'string') {
    const one = parseArrayCompression(setting, key);
    return { audio: one, mel_spec: { ...one } };
  }
  if (typeof setting !== 'object' || Array.isArray(setting)) throw new CompressionError(key, COMPRESSION_CHOICES, JSON.stringify(setting));
  for (const k of Object.keys(setting)) {
    if (!(ROW_ARRAYS as readonly string[]).includes(k)) {
      throw new CompressionError(`${key}.${k}`, `one of the arrays ${ROW_ARRAYS.join(', ')}`, JSON.stringify(k));
    }
  }
  const out = {} as Compression;
  for (const name of ROW_ARRAYS) {
    const v = setting[name];
    if (v !== undefined && typeof v !== 'string') throw new CompressionError(`${key}.${name}`, COMPRESSION_CHOICES, JSON.stringify(v));
    out[name] = parseArrayCompression(v ?? 'none', `${key}.${name}`);
  }
  return out;
}

function parseArrayCompression(text: string, key: string): ArrayCompression {
  const m = /^([a-z0-9]+(?::[a-z0-9]+)?)(?::(-?\d+))?$/.exec(text.trim());
  let name = m?.[1];
  let levelText = m?.[2];
  // `blosc:lz4` is a codec name, `gzip:4` a codec with a level: split by what is known.
  if (name && !(CODECS as readonly string[]).includes(name) && /^[a-z0-9]+:\d+$/.test(name)) {
    [name, levelText] = name.split(':') as [string, string];
  }
  if (!name || !(CODECS as readonly string[]).includes(name)) throw new CompressionError(key, COMPRESSION_CHOICES, JSON.stringify(text));
  const codec = name as CodecName;
  const spec = SPECS[codec];
  let level: number | undefined;
  if (levelText !== undefined) {
    if (!spec.levels) throw new CompressionError(key, `${codec} without a level`, JSON.stringify(text));
    level = Number(levelText);
    if (!Number.isInteger(level) || level < spec.levels.min || level > spec.levels.max) {
      throw new CompressionError(key, `${codec} with a level from ${spec.levels.min} to ${spec.levels.max}`, JSON.stringify(text));
    }
  } else if (spec.levels) level = spec.levels.default;
  if (spec.plugin && !existsSync(join(filterPluginDir(), spec.plugin))) {
    throw new CompressionError(key, `a codec whose HDF5 filter plugin is installed (${spec.plugin} of h5wasm-plugins is missing)`, JSON.stringify(text));
  }
  return level === undefined ? { codec } : { codec, level };
}

/** One array's codec as text: `none`, `lz4`, `gzip:4`, `blosc:lz4:5`. */
export function formatArrayCompression(c: ArrayCompression): string {
  return c.level === undefined ? c.codec : `${c.codec}:${c.level}`;
}

/** The canonical text: one codec when both arrays share it, else `audio=…, mel_spec=…`. */
export function formatCompression(c: Compression): string {
  const texts = ROW_ARRAYS.map((n) => formatArrayCompression(c[n]));
  return texts.every((t) => t === texts[0]) ? texts[0]! : ROW_ARRAYS.map((n, i) => `${n}=${texts[i]}`).join(', ');
}

/** The HDF5 filter and its parameters for one array (blosc: byte shuffle; HDF5 fills in the rest). */
export function filterSettings(c: ArrayCompression): FilterSettings {
  const spec = SPECS[c.codec];
  if (spec.blosc !== undefined) return { filter: spec.filter, cdValues: [0, 0, 0, 0, c.level!, 1, spec.blosc] };
  if (c.codec === 'zstd' || c.codec === 'gzip') return { filter: spec.filter, cdValues: [c.level!] };
  return { filter: spec.filter, cdValues: [] };
}

/** The HDF5 filter id of a codec (recorded in the manifest for readers in other languages). */
export function codecFilterId(codec: CodecName): number {
  return SPECS[codec].filter;
}

/**
 * The codec text of a dataset's HDF5 filter pipeline as stored in a file (`[]` → `none`), so that
 * what a chunk really holds can be shown without trusting the manifest; unknown filters by id.
 */
export function codecOfFilters(filters: { id: number; cd_values: ArrayLike<number> }[]): string {
  if (filters.length === 0) return 'none';
  return filters
    .map(({ id, cd_values: cd }) => {
      if (id === 1) return `gzip:${cd[0] ?? 4}`;
      if (id === 32004) return 'lz4';
      if (id === 32015) return `zstd:${cd[0] ?? 3}`;
      if (id === 32001) {
        const name = (Object.keys(SPECS) as CodecName[]).find((c) => SPECS[c].blosc === cd[6]);
        return `${name ?? `blosc:compressor${cd[6]}`}:${cd[4]}`;
      }
      return `filter ${id}`;
    })
    .join('+');
}
