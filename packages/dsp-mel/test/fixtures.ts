import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** ../shared/fixtures/dsp relative to the repo root (read-only golden data from librosa/pyloudnorm). */
export const FIXTURE_DIR = resolve(
  __dirname,
  '../../../../shared/fixtures/dsp',
);

export interface DspCase {
  name: string;
  sampleRate: number;
  channels: Float32Array[];
  mel: Float32Array;
  melShape: [number, number, number];
  lufs: number;
}

interface IndexCase {
  name: string;
  sample_rate: number;
  channels: number;
  samples: number;
  signal: string;
  mel: string;
  mel_shape: [number, number, number];
  integrated_lufs: number | null;
}

function f32(file: string): Float32Array {
  const buf = readFileSync(join(FIXTURE_DIR, file));
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function loadCases(): DspCase[] {
  const index = JSON.parse(
    readFileSync(join(FIXTURE_DIR, 'index.json'), 'utf8'),
  ) as { cases: IndexCase[] };
  return index.cases.map((c) => {
    const signal = f32(c.signal);
    const channels = Array.from({ length: c.channels }, (_, i) =>
      signal.slice(i * c.samples, (i + 1) * c.samples),
    );
    return {
      name: c.name,
      sampleRate: c.sample_rate,
      channels,
      mel: f32(c.mel),
      melShape: c.mel_shape,
      lufs: c.integrated_lufs ?? -Infinity,
    };
  });
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length)
    throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
