/**
 * The ParamSpec data model. Field names are snake_case on purpose: they are exactly the keys of the
 * YAML/JSON spec files and of the Python reference, so a spec object round-trips through a file unchanged.
 */

/** Uniform in [min, max]; with probability constant_p the value is constant_value instead. */
export interface ContinuousParam {
  kind: 'continuous';
  name: string;
  min: number;
  max: number;
  constant_p?: number;
  constant_value?: number;
}

export type Encoding = 'scalar' | 'onehot';

/** A weighted choice among raw values (the plugin's normalized position of each option). */
export interface CategoricalParam {
  kind: 'categorical';
  name: string;
  /** Display labels, one per option. */
  values: string[];
  /** Raw value of each option; defaults to i / (n - 1). */
  raw_values?: number[];
  /** Relative weights; default all equal. */
  weights?: number[];
  encoding: Encoding;
}

/** An integer in [min, max], both inclusive. */
export interface DiscreteParam {
  kind: 'discrete';
  name: string;
  min: number;
  max: number;
  encoding: Encoding;
}

/** Note on/off times: two uniform draws in [0, max_seconds], sorted. */
export interface NoteStartAndEndParam {
  kind: 'note_start_and_end';
  name: 'note_start_and_end';
  max_seconds: number;
}

export type SynthParam = ContinuousParam | CategoricalParam | DiscreteParam;

/** `pitch` (required) and `velocity` are discrete; `note_start_and_end` is optional. */
export type NoteParam = DiscreteParam | NoteStartAndEndParam;

export interface ParamSpec {
  name: string;
  synth_params: SynthParam[];
  note_params: NoteParam[];
}

/** Synth parameter values by name: plugin-normalized numbers (categorical: the chosen raw value). */
export type SynthParams = Record<string, number>;

/** Note parameter values by name, as in the Python reference's note dict. */
export interface NoteParams {
  pitch: number;
  velocity?: number;
  note_start_and_end?: [number, number];
}

export const NOTE_PARAM_NAMES = ['pitch', 'velocity', 'note_start_and_end'] as const;
