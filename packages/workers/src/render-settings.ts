/** An effect after the instrument: its plugin, optional preset, spec (no notes) and name prefix. */
export interface EffectSettings {
  pluginPath: string;
  presetPath: string | null;
  /** The effect's own spec (plain data), checked against the effect's parameters. */
  spec: unknown;
  /** Its parameters' prefix in the run's chain spec (param-spec effectPrefix). */
  prefix: string;
}

/** How a worker renders and judges rows: the render-relevant part of a run's config. */
export interface RenderSettings {
  /** .vst3 bundle, .lv2 bundle directory or LV2 URI. */
  pluginPath: string;
  presetPath: string | null;
  sampleRate: number;
  blockSize: number;
  /** Stored channel count: a mono plugin is duplicated for 2, stereo averaged for 1. */
  channels: 1 | 2;
  seconds: number;
  /** Rows quieter than this (LUFS) are rejected. */
  minLoudness: number;
  /**
   * vst-host's `reproducible` load option: 'off' keeps the plugin's own clock and the probe's
   * reset; 'auto'/'strict' expect the frozen clock of deterministicClockEnv(seed) in the worker's
   * environment (see startRenderPool's `env`) and pick a reset proven bit-identical. Default 'off'.
   */
  reproducible?: 'auto' | 'strict' | 'off';
  /** Effects rendered after the instrument, in order, in the same process (default none). */
  effects?: EffectSettings[];
  /** Peak level (linear) above which clipPolicy applies (default: none). */
  maxPeak?: number | null;
  /** 'reject' re-draws rows above maxPeak (reason 'clipped'); 'keep' (default) stores them. */
  clipPolicy?: 'reject' | 'keep';
}
