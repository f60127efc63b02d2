import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidDurationError,
  InvalidNoteError,
  InvalidOptionError,
  loadPlugin,
  MissingModuleError,
  ModuleLoadError,
  NotABundleError,
  ParameterValueError,
  PluginClosedError,
  PluginNotFoundError,
  type Plugin,
  PresetFormatError,
  UnknownParameterError,
  VstHostError,
} from '../src';
import { nekobi } from './plugins';

const dir = mkdtempSync(join(tmpdir(), 'vstds-host-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bundle(name: string, so?: (path: string) => void): string {
  const arch = join(dir, `${name}.vst3`, 'Contents', 'x86_64-linux');
  mkdirSync(arch, { recursive: true });
  so?.(join(arch, `${name}.so`));
  return join(dir, `${name}.vst3`);
}

describe('bad plugin paths', () => {
  it('a missing path', async () => {
    const err = await loadPlugin(join(dir, 'Nope.vst3')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PluginNotFoundError);
    expect(err).toBeInstanceOf(VstHostError);
    expect((err as Error).message).toContain('Nope.vst3');
  });

  it('a folder that is not a bundle', async () => {
    mkdirSync(join(dir, 'plain'), { recursive: true });
    const err = await loadPlugin(join(dir, 'plain')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotABundleError);
    expect((err as Error).message).toMatch(/plain.*not a plugin bundle/);
  });

  it('a bundle without an audio module', async () => {
    const err = await loadPlugin(bundle('Empty')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingModuleError);
    expect((err as Error).message).toContain('x86_64-linux');
  });

  it('a .so that fails to load prints dlerror', async () => {
    const path = bundle('Garbage', (so) =>
      writeFileSync(so, 'this is not an ELF file'),
    );
    const err = await loadPlugin(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModuleLoadError);
    expect((err as Error).message).toMatch(
      /Garbage\.so: dlopen failed: .*(invalid ELF header|file too short)/,
    );
  });

  it('a shared library that is not a VST3 module', async () => {
    const path = bundle('NotVst', (so) =>
      copyFileSync('/usr/lib/x86_64-linux-gnu/libm.so.6', so),
    );
    const err = await loadPlugin(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModuleLoadError);
    expect((err as Error).message).toContain('GetPluginFactory');
  });
});

describe('bad options', () => {
  it.each([
    [{ sampleRate: 100 }, 'sampleRate'],
    [{ blockSize: 10.5 }, 'blockSize'],
    [{ warmupBlocks: -1 }, 'warmupBlocks'],
    [{ reset: 'never' }, 'reset'],
  ])('%j', async (opts, name) => {
    const err = await loadPlugin(nekobi, opts as object).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidOptionError);
    expect((err as Error).message).toContain(`\`${name}\``);
  });
});

describe('Surge XT preparation', () => {
  it('creates $HOME/.Surge XT before loading a Surge bundle', async () => {
    const home = join(dir, 'home');
    mkdirSync(home);
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      const path = bundle('Surge XT', (so) =>
        writeFileSync(so, 'not a module'),
      );
      await expect(loadPlugin(path)).rejects.toBeInstanceOf(ModuleLoadError);
      expect(existsSync(join(home, '.Surge XT'))).toBe(true);
    } finally {
      process.env.HOME = saved;
    }
  });
});

describe('the addon binary', () => {
  it('exports only the Node-API entry points (plugins never bind to our symbols)', () => {
    const addon = join(__dirname, '../prebuilds/linux-x64/node.napi.node');
    const out = execFileSync('nm', ['-D', '--defined-only', addon], {
      encoding: 'utf8',
    });
    const names = out
      .split('\n')
      .map((l: string) => l.trim().split(/\s+/)[2])
      .filter(Boolean)
      .sort();
    expect(names).toEqual([
      'napi_register_module_v1',
      'node_api_module_get_api_version_v1',
    ]);
  });
});

describe('bad render requests', () => {
  let plugin: Plugin;
  beforeAll(async () => {
    plugin = await loadPlugin(nekobi);
  });
  afterAll(() => plugin.close());

  it.each([0, -1, 601, Number.NaN, Number.POSITIVE_INFINITY])(
    'seconds = %s',
    async (seconds) => {
      await expect(plugin.render({ seconds })).rejects.toBeInstanceOf(
        InvalidDurationError,
      );
    },
  );

  it('an unknown key names the three closest keys', async () => {
    const err = await plugin
      .render({ seconds: 1, params: { cutof: 0.5 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownParameterError);
    expect((err as UnknownParameterError).closest).toHaveLength(3);
    expect((err as UnknownParameterError).closest[0]).toBe('cutoff');
    expect((err as Error).message).toMatch(/"cutof".*"cutoff"/);
  });

  it.each([1.5, -0.1, Number.NaN, '0.5'])(
    'value %s is rejected naming the key',
    async (value) => {
      const err = await plugin
        .render({ seconds: 1, params: { decay: value as number } })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ParameterValueError);
      expect((err as Error).message).toContain('"decay"');
    },
  );

  it.each([
    [{ pitch: 128, velocity: 100, start: 0, end: 1 }, 'pitch'],
    [{ pitch: 60.5, velocity: 100, start: 0, end: 1 }, 'pitch'],
    [{ pitch: 60, velocity: 0, start: 0, end: 1 }, 'velocity'],
    [{ pitch: 60, velocity: 100, start: -1, end: 1 }, 'start'],
    [{ pitch: 60, velocity: 100, start: 0.5, end: 0.5 }, 'end'],
  ])('note %j', async (note, field) => {
    const err = await plugin
      .render({ seconds: 1, notes: [note] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidNoteError);
    expect((err as Error).message).toContain(`notes[0]: ${field}`);
  });

  it('a state that is not a .vstpreset', () => {
    expect(() => plugin.setState(new Uint8Array([1, 2, 3]))).toThrow(
      PresetFormatError,
    );
  });

  it('a missing preset file', () => {
    expect(() => plugin.loadPreset(join(dir, 'missing.vstpreset'))).toThrow(
      PresetFormatError,
    );
  });

  it('calls after close', async () => {
    const p = await loadPlugin(nekobi);
    p.close();
    await expect(p.render({ seconds: 0.1 })).rejects.toBeInstanceOf(
      PluginClosedError,
    );
    expect(() => p.getState()).toThrow(PluginClosedError);
    p.close(); // idempotent
  });
});
