import type { ParamSpec } from '@vstds/param-spec';
import { width } from '@vstds/param-spec';
import type { ChunkFile } from './chunk-file';
import type { DatasetSummary } from './sample';

const BLOCK = 16;

/** Problems found in one open chunk (empty when it is sound). Scans all values for finiteness. */
export function validateChunk(
  chunk: ChunkFile,
  entry: { index: number; first_global_id: number; num_samples: number },
  info: DatasetSummary,
  spec: ParamSpec | undefined,
): string[] {
  const problems: string[] = [];
  const n = chunk.numSamples;
  if (n !== entry.num_samples) problems.push(`expected ${entry.num_samples} rows, got ${n}`);
  const s = chunk.shapes;
  const expectShape = (name: string, got: number[], want: number[]) => {
    if (got.join() !== want.join()) problems.push(`${name}: expected shape (${want.join(', ')}), got (${got.join(', ')})`);
  };
  expectShape('audio', s.audio, [n, info.channels, Math.round(info.sample_rate * info.signal_duration_seconds)]);
  expectShape('mel_spec', s.mel_spec, [n, info.channels, info.n_mels, info.frames]);
  expectShape('param_array', s.param_array, [n, spec ? width(spec) : info.encoded_width]);
  const attrs = chunk.rootAttributes();
  if (Number(attrs.chunk_index) !== entry.index) problems.push(`chunk_index attribute: expected ${entry.index}, got ${String(attrs.chunk_index)}`);
  const ids = chunk.readColumn('global_ids');
  const badId = ids.findIndex((id, i) => id !== entry.first_global_id + i);
  if (badId >= 0) problems.push(`global_ids[${badId}]: expected ${entry.first_global_id + badId}, got ${ids[badId]}`);
  if (problems.length) return problems; // shapes are wrong: value scans would mislead

  for (const name of ['audio', 'mel_spec', 'param_array'] as const) {
    let bad = -1;
    for (let r = 0; r < n && bad < 0; r += BLOCK) {
      const count = Math.min(BLOCK, n - r);
      const bytes = chunk.readRaw(name, r, count);
      if (name === 'audio') {
        // a half is non-finite when its exponent bits are all ones
        const h = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
        for (let i = 0; i < h.length; i++) if ((h[i]! & 0x7c00) === 0x7c00) { bad = r + Math.floor(i / (h.length / count)); break; }
      } else {
        const f = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
        for (let i = 0; i < f.length; i++) if (!Number.isFinite(f[i]!)) { bad = r + Math.floor(i / (f.length / count)); break; }
      }
    }
    if (bad >= 0) problems.push(`${name}: non-finite value in row ${bad} (global id ${entry.first_global_id + bad})`);
  }
  for (let r = 0; r < n; r++) {
    try {
      JSON.parse(chunk.readParametersText(r));
    } catch {
      problems.push(`parameters[${r}]: not valid JSON`);
      break;
    }
  }
  return problems;
}
