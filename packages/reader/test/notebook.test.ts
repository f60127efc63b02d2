import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from './make-dataset';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(pkg, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'vstds-nb-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Output {
  output_type: string;
  data?: Record<string, string | string[]>;
  text?: string | string[];
  ename?: string;
  evalue?: string;
}
let outputs: Output[] = [];

beforeAll(async () => {
  // tslab loads the reader's CommonJS build: make sure it is current, and the kernel is registered.
  execFileSync('npx', ['tsup'], { cwd: pkg, stdio: 'ignore' });
  execFileSync('bash', [join(root, 'tools/setup/60-tslab.sh')], { stdio: 'ignore' });
  await makeDataset(join(work, 'data'), 25, 10, 7);
  execFileSync(
    'jupyter',
    ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=120', join(root, 'notebooks/analyse_dataset.ipynb'), '--output', join(work, 'out.ipynb')],
    { env: { ...process.env, VSTDS_DATASET_DIR: join(work, 'data') }, stdio: 'pipe' },
  );
  const nb = JSON.parse(readFileSync(join(work, 'out.ipynb'), 'utf8')) as { cells: { outputs?: Output[] }[] };
  outputs = nb.cells.flatMap((c) => c.outputs ?? []);
}, 180_000);

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join('') : (v ?? ''));

describe('notebooks/analyse_dataset.ipynb (tslab, executed by nbconvert)', () => {
  it('runs without errors and prints the dataset info and a sample', () => {
    expect(outputs.filter((o) => o.output_type === 'error')).toEqual([]);
    const streams = outputs.filter((o) => o.output_type === 'stream').map((o) => text(o.text)).join('\n');
    expect(streams).toMatch(/"total_samples": 25/);
    expect(streams).toMatch(/"encoded_width": 7/);
    expect(streams).toMatch(/global_id \d+ \(chunk \d, row \d\), midi_note \d+/);
    expect(streams).toMatch(/"a_filter_1_cutoff": [0-9.]+/);
  });

  it('shows the mel spectrogram as a PNG image', () => {
    const png = outputs.find((o) => o.data?.['image/png']);
    expect(png).toBeDefined();
    const bytes = Buffer.from(text(png!.data!['image/png']), 'base64');
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([9 * 3, 16 * 3]); // frames × n_mels, scale 3
  });

  it('plays the audio in an HTML audio element', () => {
    const html = outputs.map((o) => text(o.data?.['text/html'])).find((h) => h.includes('<audio'));
    expect(html).toBeDefined();
    const b64 = /src="data:audio\/wav;base64,([^"]+)"/.exec(html!)![1]!;
    const wav = Buffer.from(b64, 'base64');
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect([wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt32LE(40)]).toEqual([2, 8000, 4000 * 2 * 2]);
  });

  it('draws a histogram of one parameter over the dataset', () => {
    const svg = outputs.map((o) => text(o.data?.['text/html'])).find((h) => h.startsWith('<svg'));
    expect(svg).toBeDefined();
    expect(svg).toContain('a_amp_eg_attack (n=25)');
    const counts = [...svg!.matchAll(/<rect class="bar"[^>]*><title>(\d+)<\/title>/g)].map((m) => Number(m[1]));
    expect(counts).toHaveLength(10);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(25);
  });
});
