import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from '@vstds/vst-host';
import { PresetChangedError } from './errors';
import type { PresetCheckResult } from './render-job';
import type { PresetRef } from './row-job';
import { serializeError } from './serialized-error';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * The worker's side of preset rows: checks that a preset file loads (and what it holds), and makes
 * a row's preset the plugin's base state. The bytes loaded are the bytes hashed, so a file edited
 * during a run is caught instead of rendered.
 */
export class PresetLoader {
  /** sha256 of the preset that is the base state now; a re-drawn row (same preset) skips the reload. */
  private current: string | undefined;

  constructor(private readonly plugin: Plugin) {}

  /** Loads `path` and reads back every parameter; a file that does not load is answered, not thrown. */
  check(path: string): PresetCheckResult {
    this.current = undefined;
    let bytes: Uint8Array;
    try {
      bytes = readBytes(path);
    } catch (e) {
      return { kind: 'preset-check', sha256: '', error: serializeError(e) };
    }
    const hash = sha256(bytes);
    try {
      this.plugin.setState(bytes);
      return { kind: 'preset-check', sha256: hash, values: this.plugin.getParameterValues() };
    } catch (e) {
      // As Plugin.loadPreset does: the message names the file.
      const error = serializeError(e);
      return { kind: 'preset-check', sha256: hash, error: { ...error, message: `${path}: ${error.message}` } };
    }
  }

  /** Makes the row's preset the base state (every render of the row starts from it). */
  load(ref: PresetRef): void {
    if (this.current === ref.sha256) return;
    this.current = undefined;
    const bytes = readBytes(ref.path);
    const hash = sha256(bytes);
    if (hash !== ref.sha256) throw new PresetChangedError(ref.path, `expected sha256 ${ref.sha256}, found ${hash}`);
    this.plugin.setState(bytes);
    this.current = hash;
  }
}
