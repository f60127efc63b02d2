import { readFileSync, writeFileSync } from 'node:fs';
import { maxAbsDifference } from './audio-difference';
import type { ResetMode } from './detect-reset-mode';
import { encodeRenderRequest } from './encode-render-request';
import {
  fromNativeError,
  PluginClosedError,
  PresetFormatError,
  UnsupportedOperationError,
} from './errors';
import type { NativePluginHandle } from './native-addon';
import { otherPatch } from './other-patch';
import { ParameterIndex } from './parameter-index';
import { parameterKey } from './parameter-key';
import type {
  PluginDeterminism,
  PluginInfo,
  PluginParameter,
  RenderedAudio,
  RenderRequest,
} from './types';

/** A loaded plugin. Renders are pure functions of (base state, params, notes, seconds). */
export class Plugin {
  readonly info: PluginInfo;
  private params: PluginParameter[] = [];
  private index = new ParameterIndex([]);
  // Renders queue here so they reach the native instance in call order, one at a time.
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private reset: ResetMode = 'state';
  private determinismRecord: PluginDeterminism;

  constructor(
    private readonly handle: NativePluginHandle,
    readonly sampleRate: number,
    reset: ResetMode = 'state',
  ) {
    this.info = handle.info();
    this.reset = reset;
    this.determinismRecord = {
      method: reset,
      clock: 'real',
      bitReproducible: null,
      renderNoise: null,
    };
    this.refreshParameters();
  }

  /** How this plugin's renders were made reproducible (for the dataset manifest); see LoadOptions.reproducible. */
  get determinism(): PluginDeterminism {
    return { ...this.determinismRecord, method: this.reset };
  }

  /** @internal Set by loadPlugin after its probe. */
  recordDeterminism(record: PluginDeterminism): void {
    this.determinismRecord = { ...record };
  }

  /** Visible, writable parameters (hidden, read-only, program-change, bypass and MIDI-CC stand-ins dropped). */
  get parameters(): readonly PluginParameter[] {
    return this.params;
  }

  /** Renders `req` off the JS thread; calls on one plugin run one after another, in call order. */
  render(req: RenderRequest): Promise<RenderedAudio> {
    let args: Parameters<NativePluginHandle['render']>;
    try {
      this.assertOpen();
      args = encodeRenderRequest(req, this.info, this.sampleRate, this.index);
    } catch (error) {
      return Promise.reject(error);
    }
    const run = this.queue.then(() =>
      this.handle.render(...args).then(
        (r): RenderedAudio => ({
          channels: r.channels,
          sampleRate: this.sampleRate,
          processSeconds: r.processSeconds,
          nativeSeconds: r.nativeSeconds,
        }),
        (error: unknown) => Promise.reject(fromNativeError(error)),
      ),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Renders `req`, a different patch, then `req` again, and returns the largest absolute sample
   * difference between the two renders of `req`: 0 for deterministic plugins.
   */
  async measureRenderNoise(req: RenderRequest): Promise<number> {
    const first = await this.render(req);
    await this.render({ ...req, params: otherPatch(this.params, req.params) });
    const again = await this.render(req);
    return maxAbsDifference(first.channels, again.channels);
  }

  /** How each render returns to the base state (see LoadOptions.reset). */
  get resetMode(): ResetMode {
    return this.reset;
  }

  /**
   * Changes how later renders reset: 'params' puts back only the parameters the last render changed
   * (VST3 only: UnsupportedOperationError elsewhere), 'state' restores the base state, 'instance'
   * recreates the plugin objects.
   */
  setResetMode(mode: ResetMode): void {
    this.call(() => {
      if (!this.handle.setParamsReset(mode === 'params') && mode === 'params')
        throw new UnsupportedOperationError(
          `setResetMode('params'): ${this.info.name} (${this.info.format}) has no params reset; use 'state'`,
        );
      this.handle.setReinstantiate(mode === 'instance');
    });
    this.reset = mode;
  }

  /** The base state (what every render starts from) as .vstpreset bytes (VST3) or host bytes (LV2, CLAP). */
  getState(): Uint8Array {
    return this.call(() => this.handle.getState());
  }

  /** Makes `state` the base state; parameters are re-read (titles can follow the patch). */
  setState(state: Uint8Array): void {
    if (!(state instanceof Uint8Array))
      throw new PresetFormatError(
        `setState: expected a Uint8Array, found ${typeof state}`,
      );
    this.call(() => this.handle.setState(state));
    this.refreshParameters();
  }

  /** Applies normalized values (by key or id) to the base state, so later renders and presets start from them. */
  setParameters(params: Record<string, number>): void {
    const [ids, values] = this.index.resolve(params);
    this.call(() => this.handle.applyToBase(ids, values));
  }

  /** Normalized values of the listed parameters in the base state, by key. */
  getParameterValues(): Record<string, number> {
    const values = this.call(() => this.handle.parameterValues());
    return Object.fromEntries(this.params.map((p, i) => [p.key, values[i]]));
  }

  /** Loads a preset file as the new base state: a .vstpreset (VST3) or a state file written by savePreset (CLAP). */
  loadPreset(path: string): void {
    this.requirePresetFiles('loadPreset');
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new PresetFormatError(
        `${path}: cannot read preset (${(error as Error).message})`,
      );
    }
    try {
      this.setState(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      );
    } catch (error) {
      if (error instanceof Error) error.message = `${path}: ${error.message}`;
      throw error;
    }
  }

  /** Writes the base state as a preset file: .vstpreset (VST3) or the plugin's CLAP state with its id (CLAP). */
  savePreset(path: string): void {
    this.requirePresetFiles('savePreset');
    writeFileSync(path, this.getState());
  }

  /** Unloads the plugin; renders already running finish first, later calls throw PluginClosedError. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.handle.close();
  }

  private requirePresetFiles(what: string): void {
    if (this.info.format === 'lv2') {
      throw new UnsupportedOperationError(
        `${what}: preset files are VST3 (.vstpreset) and CLAP state files; ${this.info.name} is ${this.info.format} (use getState/setState)`,
      );
    }
  }

  private assertOpen(): void {
    if (this.closed)
      throw new PluginClosedError(`${this.info.name}: the plugin was closed`);
  }

  private call<T>(f: () => T): T {
    this.assertOpen();
    try {
      return f();
    } catch (error) {
      throw fromNativeError(error);
    }
  }

  private refreshParameters(): void {
    const seen = new Map<string, number>();
    this.params = this.handle.parameters().map((p) => {
      let key = parameterKey(p.title, p.units);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > 1) key = `${key}_${n}`;
      const param: PluginParameter = {
        id: p.id,
        key,
        title: p.title,
        units: p.units,
        defaultValue: p.defaultValue,
        stepCount: p.stepCount,
      };
      if (p.valueStrings.length > 0) param.valueStrings = p.valueStrings;
      return param;
    });
    this.index = new ParameterIndex(this.params);
  }
}
