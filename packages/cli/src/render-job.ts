/** What the supervisor sends a render worker, and what comes back (plain, structured-clone data). */

export interface RenderWorkerInit {
  pluginPath: string;
  presetPath: string | null;
  sampleRate: number;
  blockSize: number;
  channels: 1 | 2;
  seconds: number;
  minLoudness: number;
  /** The run's spec: checked against the plugin's parameters when the worker starts. */
  spec: unknown;
}

export interface NoteEventData {
  pitch: number;
  velocity: number;
  start: number;
  end: number;
}

export type RenderJob =
  | { kind: 'row'; id: number; attempt: number; params: Record<string, number>; notes: NoteEventData[] }
  | {
      /**
       * Render noise: renders patch a, patch b, then a again and returns max |a1 − a2| (0 for a
       * deterministic plugin). b is another accepted row of the run rather than
       * measureRenderNoise's shifted parameters, which could make a fault-prone plugin fault;
       * without b, measureRenderNoise is used.
       */
      kind: 'noise';
      a: { params: Record<string, number>; notes: NoteEventData[] };
      b?: { params: Record<string, number>; notes: NoteEventData[] };
    };

export interface StageTimes {
  /** Whole render call (host + plugin). */
  render: number;
  /** Inside the plugin's own process()/run() calls. */
  plugin: number;
  gate: number;
  mel: number;
  float16: number;
}

export type RenderOutcome =
  | {
      kind: 'accepted';
      /** float16 bits, channels × samples. */
      audio: Uint16Array;
      /** dB mel, channels × 128 × frames. */
      mel: Float32Array;
      loudness: number;
      ms: StageTimes;
    }
  | { kind: 'rejected'; reason: string; detail: string; ms: StageTimes }
  | { kind: 'noise'; noise: number };

/** Plugin identity reported by a worker when it is ready. */
export interface PluginIdentity {
  name: string;
  vendor: string;
  version: string;
  format: string;
  uid: string;
  isInstrument: boolean;
  outputChannels: number;
  path: string;
}
