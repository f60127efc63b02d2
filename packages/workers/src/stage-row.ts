import type { AudioRow } from '@vstds/dsp-mel';
import type { Plugin, Renderer } from '@vstds/vst-host';
import type { OperatorFunction } from 'rxjs';
import type { StageTimes } from './pipeline-event';
import type { RenderSettings } from './render-settings';
import type { RowJob, StageOutput } from './row-job';

/** A row inside a worker's stages once it has audio: the job, its audio and the stage times so far. */
export type StageRow = RowJob & AudioRow & { ms: StageTimes };

/** A row a stage turned away (re-drawn by the parent); passes untouched through later stages. */
export interface RowRejected {
  kind: 'rejected';
  reason: string;
  detail: string;
  ms: StageTimes;
}

/** What a stage module's factory gets: the worker's one plugin instance and the run's render settings. */
export interface StageContext {
  /** The instrument. */
  plugin: Plugin;
  /** What rows are rendered on: the instrument, or the instrument followed by the run's effects. */
  renderer: Renderer;
  settings: RenderSettings;
}

/**
 * The worker side of a pipeline: row jobs in, one answer per row out. A row the stages drop
 * (e.g. with rxjs `filter`) is answered as rejected with reason 'filtered'. A stage module exports
 * such a factory as `stages` (or as its default export).
 */
export type StageFactory = (context: StageContext) => OperatorFunction<RowJob, StageOutput> | Promise<OperatorFunction<RowJob, StageOutput>>;
