import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadH5wasm, MANIFEST_FILE, readManifest } from '@vstds/hdf5-chunks';
import { decode, specFromData, type ParamSpec } from '@vstds/param-spec';
import { ChunkFile, type ChunkDatasetName, type ChunkRowValues } from './chunk-file';
import { DatasetNotFoundError, SampleNotFoundError } from './errors';
import type { Sample } from './sample';

export type SplitName = 'train' | 'val' | 'test';

/**
 * One split file written by `vstds split` (DIR/train.h5…): HDF5 virtual datasets whose sources are
 * the chunk files, named relative to the split file. h5wasm's NODERAWFS build sees the real file
 * system, so HDF5 resolves those sources beside the split file wherever the directory now lives.
 * Row i of the split is what h5py reads as `f[name][i]`.
 */
export class SplitFile {
  private constructor(
    private readonly chunk: ChunkFile,
    readonly dir: string,
    readonly split: SplitName,
    private readonly spec: ParamSpec | undefined,
    private readonly chunkOf: (globalId: number) => { index: number; row: number },
  ) {}

  static async open(dir: string, split: SplitName): Promise<SplitFile> {
    const abs = resolve(dir);
    const path = join(abs, `${split}.h5`);
    if (!existsSync(path)) throw new DatasetNotFoundError(`${path}: expected a split file, got none (run vstds split ${abs})`);
    const h5 = await loadH5wasm();
    const chunk = ChunkFile.open(h5, path);
    try {
      const manifest = readManifest(abs);
      const rawSpec = manifest?.spec ?? chunk.rootAttributes().param_spec;
      const spec = rawSpec && typeof rawSpec === 'object' ? specFromData(rawSpec, `${join(abs, MANIFEST_FILE)}: spec`) : undefined;
      const chunks = [...(manifest?.chunks ?? [])].sort((a, b) => a.first_global_id - b.first_global_id);
      const chunkOf = (id: number) => {
        const c = chunks.find((e) => id >= e.first_global_id && id < e.first_global_id + e.num_samples);
        return c ? { index: c.index, row: id - c.first_global_id } : { index: -1, row: -1 };
      };
      return new SplitFile(chunk, abs, split, spec, chunkOf);
    } catch (err) {
      chunk.close();
      throw err;
    }
  }

  get numSamples(): number {
    return this.chunk.numSamples;
  }

  /** Global ids of the split's rows, ascending. */
  globalIds(): number[] {
    return this.chunk.readColumn('global_ids');
  }

  /** Root attributes of the split file (the chunks' attributes plus split, num_samples, split_seed…). */
  attributes(): Record<string, unknown> {
    return this.chunk.rootAttributes();
  }

  read<K extends ChunkDatasetName>(name: K, index: number): ChunkRowValues[K] {
    return this.chunk.read(name, index);
  }

  /** Row `index` of the split (0-based within the split), as ChunkedDatasetReader.getSample gives it. */
  async getSample(index: number): Promise<Sample> {
    if (!Number.isInteger(index) || index < 0 || index >= this.numSamples) {
      throw new SampleNotFoundError(`${join(this.dir, `${this.split}.h5`)}: row ${index}: expected 0..${this.numSamples - 1}`);
    }
    const globalId = this.chunk.read('global_ids', index);
    const param_array = this.chunk.read('param_array', index);
    const where = this.chunkOf(globalId);
    let params: Sample['params'] = {};
    if (this.spec) {
      const { synthParams, noteParams } = decode(this.spec, param_array);
      params = { ...synthParams, ...(noteParams as unknown as Record<string, number | [number, number]>) };
    }
    return {
      global_id: globalId,
      chunk_index: where.index,
      row: where.row,
      midi_note: this.chunk.read('midi_notes', index),
      velocity: this.chunk.read('velocities', index),
      audio: this.chunk.read('audio', index),
      mel_spec: this.chunk.read('mel_spec', index),
      param_array,
      params,
      parameters: this.chunk.read('parameters', index),
      peak: this.chunk.read('peaks', index),
    };
  }

  close(): void {
    this.chunk.close();
  }
}

/** Opens DIR/<split>.h5 written by `vstds split`. */
export function openSplit(dir: string, split: SplitName): Promise<SplitFile> {
  return SplitFile.open(dir, split);
}
