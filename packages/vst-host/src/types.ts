import type { NoteEvent } from '@vstds/midi';

export type PluginFormat = 'vst3' | 'lv2' | 'clap';

export interface PluginInfo {
  name: string;
  vendor: string;
  version: string;
  format: PluginFormat;
  /** VST3 class id (32 hex characters), LV2 plugin URI or CLAP plugin id. */
  uid: string;
  isInstrument: boolean;
  /** Channels of the main input bus (0 for instruments without one). */
  inputChannels: number;
  /** Channels of the main output bus; `RenderedAudio.channels` has this many entries. */
  outputChannels: number;
}

export interface PluginParameter {
  /** VST3 ParamID, LV2 port index or CLAP param id. */
  id: number;
  /** pedalboard-style key, see {@link parameterKey}. */
  key: string;
  title: string;
  units: string;
  /** Normalized [0, 1]. */
  defaultValue: number;
  /** 0 for continuous parameters, else the number of steps (values = stepCount + 1). */
  stepCount: number;
  /** Display strings of the stepCount + 1 discrete values, when the plugin provides them. */
  valueStrings?: string[];
}

/** A note of a render (pitch 0..127, velocity 1..127, seconds); defined once, in @vstds/midi. */
export type { NoteEvent };

export interface RenderRequest {
  /** Normalized [0, 1] values by parameter key or numeric id, applied at sample 0. */
  params?: Record<string, number>;
  notes?: NoteEvent[];
  seconds: number;
  /** Input audio for effects, one Float32Array per channel (shorter input is padded with silence). */
  input?: Float32Array[];
}

/** Anything that renders a request: a Plugin, or a PluginChain (instrument + effects). */
export interface Renderer {
  render(req: RenderRequest): Promise<RenderedAudio>;
}

export interface RenderedAudio {
  channels: Float32Array[];
  sampleRate: number;
  /** Seconds spent inside the plugin's own process()/run() calls for this render. */
  processSeconds: number;
  /** Seconds of the whole native render (reset protocol, process calls, buffer copies). */
  nativeSeconds: number;
}

/** How a plugin's renders were made reproducible: what a dataset manifest records. */
export interface PluginDeterminism {
  /** The reset before every render ('params' | 'state' | 'instance'). */
  method: 'params' | 'state' | 'instance';
  /** 'frozen': the wall clock stood at deterministicClockEnv's instant in this process. */
  clock: 'frozen' | 'real';
  /** The frozen instant (ISO 8601), when clock is 'frozen'. */
  instant?: string;
  /** The load-time probe proved bit-identical renders (null: not probed, an explicit `reset`). */
  bitReproducible: boolean | null;
  /** Largest |Δ| the probe saw between renders that should match (0 when reproducible; null: not probed). */
  renderNoise: number | null;
}

export interface LoadOptions {
  /** Hz, default 44100. */
  sampleRate?: number;
  /** Samples per process call, default 512. */
  blockSize?: number;
  /** Silent blocks after each reset, before parameters and notes (default 1). */
  warmupBlocks?: number;
  /**
   * How each render returns to the base state. 'state': deactivate, restore the base state,
   * reactivate. 'instance': recreate the plugin objects from the loaded module first, for plugins
   * whose DSP keeps memory outside their state and across activation (Nekobi's accent follower,
   * JX10's LFO). 'auto' (default): probe the plugin at load (see detectResetMode) and pick one.
   */
  reset?: 'auto' | 'params' | 'state' | 'instance';
  /**
   * 'off' (default): today's behaviour, the wall clock is whatever the process sees.
   * 'auto': expect the frozen clock of deterministicClockEnv(seed) in this process (recorded in
   * `plugin.determinism.clock`; 'real' when absent) and let the probe pick the cheapest reset that
   * renders bit-identically. 'strict': as 'auto', but loading fails with NotReproducibleError when
   * the clock is not frozen or no reset renders bit-identically. 'auto' and 'strict' need
   * `reset: 'auto'`.
   */
  reproducible?: 'auto' | 'strict' | 'off';
  /**
   * Fill fresh heap blocks with a fixed byte (glibc M_PERTURB, process-wide), so plugins that read
   * memory they never initialised (mda JX10) still render the same bytes whatever ran before.
   * Default true; costs nothing measurable.
   */
  deterministicHeap?: boolean;
  /**
   * LV2 feature URIs not to offer the plugin (for tests of plugins that require them: loading
   * then fails with MissingFeatureError naming each missing feature). Default none.
   */
  withheldLv2Features?: readonly string[];
}
