import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../src/index';

const valid = [
  'plugin_path: ../plugins/x.vst3',
  'param_spec: nekobi',
  'output_dir: ./out',
  'num_samples: 10',
].join('\n');

function errorsOf(text: string, overrides = {}): string[] {
  try {
    parseConfig(text, { label: 'original_config.yaml', baseDir: '/cfg', overrides, cwd: '/shell' });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).exitCode).toBe(2);
    return [...(e as ConfigError).problems];
  }
  throw new Error('config was accepted');
}

/** Twenty malformed configs, each with the exact one-line error it must produce. */
const malformed: [string, string, RegExp | string][] = [
  ['num_samples as a word', valid.replace('num_samples: 10', 'num_samples: ten'),
    'original_config.yaml: num_samples: expected a positive integer, got "ten"'],
  ['negative num_samples', valid.replace('num_samples: 10', 'num_samples: -3'),
    'original_config.yaml: num_samples: expected a positive integer, got -3'],
  ['fractional num_samples', valid.replace('num_samples: 10', 'num_samples: 2.5'),
    'original_config.yaml: num_samples: expected a positive integer, got 2.5'],
  ['missing num_samples', valid.replace('num_samples: 10', ''),
    'original_config.yaml: num_samples: expected a positive integer, got nothing (the key is required)'],
  ['missing plugin_path', valid.replace('plugin_path: ../plugins/x.vst3', ''),
    'original_config.yaml: plugin_path: expected a plugin path (.vst3 bundle, .lv2 bundle) or an LV2 URI, got nothing (the key is required)'],
  ['typo in a key', `${valid}\nnum_worker: 4`,
    'original_config.yaml: num_worker: unknown key (did you mean num_workers?)'],
  ['unknown key far from all', `${valid}\nsampel_rate: 48000`,
    'original_config.yaml: sampel_rate: unknown key (did you mean sample_rate?)'],
  ['channels 3', `${valid}\nchannels: 3`, 'original_config.yaml: channels: expected 1 or 2, got 3'],
  ['sample_rate as string', `${valid}\nsample_rate: "44.1k"`,
    'original_config.yaml: sample_rate: expected an integer sample rate from 8000 to 384000, got "44.1k"'],
  ['velocity out of range', `${valid}\nvelocity: 200`,
    'original_config.yaml: velocity: expected a MIDI velocity from 1 to 127 or a range [lo, hi], got 200'],
  ['velocity range of three', `${valid}\nvelocity: [10, 20, 30]`,
    'original_config.yaml: velocity: expected a MIDI velocity from 1 to 127 or a range [lo, hi], got [10,20,30]'],
  ['velocity range reversed', `${valid}\nvelocity: [120, 60]`,
    'original_config.yaml: velocity: expected a range [lo, hi] with lo <= hi, got [120,60]'],
  ['min_pitch above max_pitch', `${valid}\nmin_pitch: 80\nmax_pitch: 60`,
    'original_config.yaml: min_pitch: expected less than max_pitch (60), got 80'],
  ['pitch beyond MIDI', `${valid}\nmax_pitch: 128`,
    'original_config.yaml: max_pitch: expected a MIDI note from 0 to 127, got 128'],
  ['note longer than signal', `${valid}\nsignal_duration_seconds: 2\nnote_duration_seconds: 3`,
    'original_config.yaml: note_duration_seconds: expected at most signal_duration_seconds (2), got 3'],
  ['compression unknown', `${valid}\ncompression: lzf`,
    'original_config.yaml: compression: expected none, gzip[:1..9], lz4, zstd[:1..22], blosc:lz4[:1..9], blosc:zstd[:1..9], blosc:zlib[:1..9], or a map {audio: CODEC, mel_spec: CODEC}, got "lzf"'],
  ['file_naming without chunk', `${valid}\nfile_naming: data.h5`,
    'original_config.yaml: file_naming: expected a file name pattern containing {chunk} or {chunk:04d}, got "data.h5"'],
  ['both alias and key', `${valid}\nsamples_per_file: 10\nsamples_per_chunk: 10`,
    'original_config.yaml: samples_per_chunk: expected either samples_per_file or its alias samples_per_chunk, got both'],
  ['not a mapping', '- a\n- b', 'original_config.yaml: expected a mapping of config keys, got ["a","b"]'],
  ['broken YAML', 'num_samples: [1, 2\nseed: 3', /^original_config\.yaml: invalid YAML at line \d+, column \d+: .+$/],
];

describe('config validation', () => {
  it('has twenty malformed cases', () => expect(malformed).toHaveLength(20));

  for (const [name, text, expected] of malformed) {
    it(`one line for: ${name}`, () => {
      const errors = errorsOf(text);
      expect(errors).toHaveLength(1);
      expect(errors[0]).not.toContain('\n');
      if (typeof expected === 'string') expect(errors[0]).toBe(expected);
      else expect(errors[0]).toMatch(expected);
    });
  }

  it('reports every problem, one line each', () => {
    const errors = errorsOf('num_samples: zero\nchannels: 5\nsed: 1\nparam_spec: x\noutput_dir: o\nplugin_path: p');
    expect(errors).toEqual([
      'original_config.yaml: sed: unknown key (did you mean seed?)',
      'original_config.yaml: num_samples: expected a positive integer, got "zero"',
      'original_config.yaml: channels: expected 1 or 2, got 5',
    ]);
  });

  it('names the flag when a command-line override is bad', () => {
    expect(errorsOf(valid, { num_samples: 'ten' })).toEqual(['--num-samples: expected a positive integer, got "ten"']);
    expect(errorsOf(valid, { num_workers: 0 })).toEqual(['--workers: expected an integer from 1 to 256, got 0']);
  });

  it('applies defaults, the alias and path resolution', () => {
    const c = parseConfig(`${valid}\nsamples_per_chunk: 7\nvelocity: [60, 127]`, {
      label: 'c.yaml',
      baseDir: '/cfg/dir',
      cwd: '/shell',
    });
    expect(c.plugin_path).toBe('/cfg/plugins/x.vst3');
    expect(c.output_dir).toBe('/cfg/dir/out');
    expect(c.param_spec).toBe('nekobi');
    expect(c.samples_per_file).toBe(7);
    expect(c.velocity).toEqual([60, 127]);
    expect(c.sample_rate).toBe(44100);
    expect(c.channels).toBe(2);
    expect(c.max_attempts_per_sample).toBe(100);
    expect(c.file_naming).toBe('dataset_{chunk:04d}.h5');
    expect(c.compression).toBe('blosc:lz4'); // the default (DEFAULT_COMPRESSION of @vstds/hdf5-chunks)
  });

  it('keeps URIs, resolves spec paths, resolves flag paths against the shell directory', () => {
    const c = parseConfig(
      'plugin_path: http://drobilla.net/plugins/mda/JX10\nparam_spec: specs/a.yaml\noutput_dir: o\nnum_samples: 1',
      { label: 'c.yaml', baseDir: '/cfg', cwd: '/shell', overrides: { output_dir: 'here', num_samples: 5, num_workers: 3 } },
    );
    expect(c.plugin_path).toBe('http://drobilla.net/plugins/mda/JX10');
    expect(c.param_spec).toBe('/cfg/specs/a.yaml');
    expect(c.output_dir).toBe('/shell/here');
    expect(c.num_samples).toBe(5);
    expect(c.num_workers).toBe(3);
  });

  it('loadConfig reads a file and resolves against its directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vstds-cfg-'));
    writeFileSync(join(dir, 'a.yaml'), valid);
    const c = loadConfig(join(dir, 'a.yaml'));
    expect(c.output_dir).toBe(join(dir, 'out'));
    expect(() => loadConfig(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: cannot read the config file \(ENOENT\)/);
  });
});
