import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The project's JUCE instrument (tools/fixtures/juce-synth), built by tools/setup/35-juce-synth.sh.
const root = resolve(__dirname, '../../..');
const fixtureDir = join(root, 'tools/fixtures/juce-synth');
const bundle = join(root, '.plugins/vst3/VstdsJuceSynth.vst3');
const so = join(bundle, 'Contents/x86_64-linux/VstdsJuceSynth.so');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Dynamic symbols the .so defines, by name -> nm type letter. */
function definedDynamicSymbols(path: string): Map<string, string> {
  const out = execFileSync('nm', ['-D', '--defined-only', path], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const symbols = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [, type, name] = line.trim().split(/\s+/);
    if (type && name) symbols.set(name, type);
  }
  return symbols;
}

describe('VstdsJuceSynth fixture built by tools/setup/35-juce-synth.sh', () => {
  it('is a 64-bit ELF shared object inside a VST3 bundle', () => {
    const header = readFileSync(so).subarray(0, 18);
    expect(header.subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    expect(header[4]).toBe(2); // ELFCLASS64
    expect(header.readUInt16LE(16)).toBe(3); // ET_DYN
    // JUCE's modules make it megabytes; a tiny file would mean a broken or stubbed build.
    expect(statSync(so).size).toBeGreaterThan(1_000_000);
  });

  it('exports the VST3 entry points GetPluginFactory, ModuleEntry and ModuleExit as code', () => {
    const symbols = definedDynamicSymbols(so);
    for (const name of ['GetPluginFactory', 'ModuleEntry', 'ModuleExit']) expect(symbols.get(name)).toBe('T');
  });

  it('is newer than its CMakeLists.txt and sources, so setup rebuilt it after the last edit', () => {
    const built = statSync(so).mtimeMs;
    // The same inputs the setup step compares against (a README edit needs no rebuild).
    const sources = [join(fixtureDir, 'CMakeLists.txt'), ...filesUnder(join(fixtureDir, 'src'))];
    expect(sources.map((f) => f.slice(fixtureDir.length + 1))).toEqual(
      expect.arrayContaining(['CMakeLists.txt', 'src/synth-processor.cpp', 'src/synth-voice.h']),
    );
    const stale = sources.filter((f) => statSync(f).mtimeMs > built);
    expect(stale).toEqual([]);
  });
});
