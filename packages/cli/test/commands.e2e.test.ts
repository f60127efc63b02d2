import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpec } from '@vstds/param-spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, loadConfig } from '@vstds/pipeline';
import { main } from '../src/index';
import { cleanupTempDirs, captureIO, pluginsDir, tempDir, writeConfig } from './e2e-helpers';

afterAll(cleanupTempDirs);

const fault = join(pluginsDir, 'VstdsFault.vst3');

describe('vstds plugin / spec init / render (VstdsFault)', () => {
  it('plugin prints identity and the parameter table with spec keys', async () => {
    const io = captureIO();
    expect(await main(['plugin', fault], io)).toBe(0);
    expect(io.out).toMatch(/^VstdsFault 0\.1\.0 by vstds \(vst3, instrument, 0 in \/ 2 out\)/);
    const keys = io.out.split('\n').slice(4).map((l) => l.split(/\s+/)[1]).filter(Boolean);
    expect(keys).toEqual(['crash', 'hang', 'nan', 'silence', 'tone']);
  });

  it('spec init --no-probe drafts a spec that parses and names every parameter', async () => {
    // Probing would render the fault plugin's crash and hang controls: --no-probe only drafts.
    const io = captureIO();
    expect(await main(['spec', 'init', fault, '--no-probe', '--min-pitch', '40', '--max-pitch', '70'], io)).toBe(0);
    const spec = parseSpec(io.out, 'draft.yaml');
    expect(spec.synth_params.map((p) => p.name)).toEqual(['crash', 'hang', 'nan', 'silence', 'tone']);
    expect(spec.note_params[0]).toMatchObject({ name: 'pitch', min: 40, max: 70 });
  });

  it('render writes a WAV of one patch; bad values are usage errors', async () => {
    const dir = tempDir('render');
    const io = captureIO(dir);
    expect(await main(['render', fault, '--params', 'tone=0.8', 'silence=0.2', '--note', '64', '--seconds', '1', '--out', 'x.wav'], io)).toBe(0);
    const wav = readFileSync(join(dir, 'x.wav'));
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(wav.length).toBe(44 + 44100 * 2 * 4);
    expect(io.err).toMatch(/x\.wav \(2 ch, 1 s, peak 0\.\d+\)/);
    const bad = captureIO(dir);
    expect(await main(['render', fault, '--note', '200'], bad)).toBe(2);
    expect(bad.err).toBe('vstds render: --note: expected a MIDI note from 0 to 127, got "200"\n');
    const unknown = captureIO(dir);
    expect(await main(['render', fault, '--params', 'tonne=0.5', '--out', 'y.wav'], unknown)).toBe(1);
    expect(unknown.err).toMatch(/unknown parameter "tonne"; closest keys: "tone"/);
  });
});

describe('vstds info / verify', () => {
  const dir = tempDir('verify');
  beforeAll(async () => {
    await generate(
      loadConfig(
        writeConfig(dir, 'c.yaml', {
          plugin_path: fault, param_spec: join(__dirname, '../../../tools/fixtures/fault-synth/fault_spec.yaml'),
          output_dir: 'ds', num_samples: 6, samples_per_file: 3, num_workers: 1, seed: 3, channels: 1, signal_duration_seconds: 2,
        }),
      ),
    );
  });

  it('info summarises the dataset (mono: the stereo plugin averaged to 1 channel)', async () => {
    const io = captureIO(dir);
    expect(await main(['info', 'ds'], io)).toBe(0);
    expect(io.out).toMatch(/rows: +6 of 6 \(2 of 2 chunks of 3, manifest\)/);
    expect(io.out).toMatch(/audio: +1 ch × 88200 samples \(2 s at 44100 Hz\), float16/);
    expect(io.out).toMatch(/plugin: +VstdsFault 0\.1\.0 \(vst3\)/);
  });

  it('verify passes on a good dataset and fails (exit 1) on a damaged chunk', async () => {
    const ok = captureIO(dir);
    expect(await main(['verify', 'ds'], ok)).toBe(0);
    expect(ok.out).toBe('ok: 6 rows in 2 chunks checked\n');
    cpSync(join(dir, 'ds'), join(dir, 'bad'), { recursive: true });
    const f = join(dir, 'bad/dataset_0001.h5');
    const bytes = readFileSync(f);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(f, bytes);
    const bad = captureIO(dir);
    expect(await main(['verify', 'bad'], bad)).toBe(1);
    expect(bad.out).toMatch(/^FAILED: /);
    expect(bad.err).toMatch(/dataset_0001\.h5: .*sha256/);
  });
});

describe('vstds generate (command)', () => {
  it('refuses another config in the same directory (exit 1, names the key), --overwrite starts over', async () => {
    const dir = tempDir('overwrite');
    const cfg = writeConfig(dir, 'c.yaml', {
      plugin_path: fault, param_spec: join(__dirname, '../../../tools/fixtures/fault-synth/fault_spec.yaml'),
      output_dir: 'ds', num_samples: 4, samples_per_file: 2, num_workers: 1, seed: 3, signal_duration_seconds: 1,
    });
    writeFileSync(join(dir, 'notes.txt'), 'a file of the user');
    const first = captureIO(dir);
    expect(await main(['generate', '--config', cfg, '--quiet', '--output', '.'], first)).toBe(0);
    expect(first.err).toMatch(/vstds generate: 4 rows in .* \(\d+\.\d rows\/s, (no worker restarts|\d+ worker restarts?: \d+ crash(es)?)\)/);
    const again = captureIO(dir);
    expect(await main(['generate', '--config', cfg, '--quiet', '--output', '.'], again)).toBe(0);
    expect(again.err).toMatch(/all 4 rows are already there/);
    const other = captureIO(dir);
    expect(await main(['generate', '--config', cfg, '--quiet', '--output', '.', '--seed', '4'], other)).toBe(1);
    expect(other.err).toMatch(/holds a dataset generated with a different config \(differs in: seed\); use --overwrite/);
    const over = captureIO(dir);
    expect(await main(['generate', '--config', cfg, '--quiet', '--output', '.', '--seed', '4', '--overwrite'], over)).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'dataset_info.json'), 'utf8')).seed).toBe(4);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('a file of the user');
  });
});
