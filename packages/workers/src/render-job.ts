import type { NoteEvent } from '@vstds/midi';
import type { PluginDeterminism } from '@vstds/vst-host';

/** vst-host's determinism record as plain JSON for the manifest (no optional fields). */
export type DeterminismRecord = Omit<PluginDeterminism, 'instant'> & { instant: string | null };
import type { RenderSettings } from './render-settings';
import type { RowJob, StageOutput } from './row-job';
import type { SerializedError } from './serialized-error';

/** What a render worker gets once: render settings, the run's spec (checked against the plugin), the stage module. */
export interface RenderWorkerInit {
  settings: RenderSettings;
  /** The run's spec (plain data): validated against the plugin's parameters when the worker starts. */
  spec: unknown;
  /** Absolute path of a stage module (exports `stages(context)`); default: defaultStages. */
  stageModule?: string;
}

/** A patch to render: parameters and notes. */
export interface Patch {
  params: Record<string, number>;
  notes: NoteEvent[];
}

export type RenderJob =
  | (RowJob & { kind: 'row' })
  | {
      /**
       * Render noise: renders patch a, patch b, then a again and returns max |a1 − a2| (0 for a
       * deterministic plugin). b is another accepted row of the run rather than
       * measureRenderNoise's shifted parameters, which could make a fault-prone plugin fault;
       * without b, measureRenderNoise is used.
       */
      kind: 'noise';
      a: Patch;
      b?: Patch;
    }
  | {
      /** Load check of a preset file: its sha256 and the values the plugin reads back, or why it does not load. */
      kind: 'preset-check';
      path: string;
    };

export type RenderResult = StageOutput | { kind: 'noise'; noise: number } | PresetCheckResult;

/** A worker's answer to a preset-check job. */
export type PresetCheckResult =
  | { kind: 'preset-check'; sha256: string; values: Record<string, number> }
  | { kind: 'preset-check'; sha256: string; error: SerializedError };

/** Plugin identity reported by a render worker when it is ready (recorded in the dataset). */
export interface PluginIdentity {
  name: string;
  vendor: string;
  version: string;
  format: string;
  uid: string;
  isInstrument: boolean;
  outputChannels: number;
  path: string;
  /** How its renders were made reproducible (reset method, clock, probe result). */
  determinism: DeterminismRecord;
  /** The effects after the instrument, in order (empty without effects). */
  effects: { name: string; vendor: string; version: string; format: string; uid: string; path: string }[];
}
