export type {
  CategoricalParam,
  ContinuousParam,
  DiscreteParam,
  Encoding,
  NoteParam,
  NoteParams,
  NoteStartAndEndParam,
  ParamSpec,
  SynthParam,
  SynthParams,
} from './spec-types';
export {
  EncodingError,
  ParamSpecError,
  PluginMismatchError,
  RowKeyError,
  SpecNotFoundError,
  SpecParseError,
  SpecValidationError,
  type SpecProblem,
} from './errors';
export { parseSpec, specFromData, type SpecOptions, type SpecRole } from './parse-spec';
export { chainSpec, effectPrefix, splitChainParams, type EffectSpec } from './chain-spec';
export { builtInSpecDir, builtInSpecNames, loadSpec } from './load-spec';
export { formatSpec } from './format-spec';
export { withPitchRange } from './with-pitch-range';
export { rawValues } from './raw-values';
export { encodedSlices, names, width, type EncodedSlice } from './encoded-layout';
export { encode } from './encode';
export { decode, type DecodedRow } from './decode';
export { RowRng, rowRandom, type RowKey } from './row-random';
export { drawCount, rowRandomAfterSpec } from './draw-count';
export { sampleRow, type SampledRow } from './sample-row';
export { presetRow, type OutOfSpecValue, type PresetRow } from './preset-row';
export { sampleParams, type RowRequest } from './sample-params';
export type { PluginParameterInfo } from './plugin-parameter';
export { validateAgainstPlugin } from './validate-against-plugin';
export { draftSpecFromPlugin, type DraftSpecOptions } from './draft-spec';
export {
  isNonMusicalParameter,
  narrowTowardDefaults,
  refineDraft,
  type DraftDecision,
  type ParameterMeasurements,
  type ProbeMeasurement,
  type RefineDraftOptions,
  type RefinedDraft,
} from './refine-draft';
export { closestKeys } from './closest-keys';
