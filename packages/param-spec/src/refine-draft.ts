import type { PluginParameterInfo } from './plugin-parameter';
import type { CategoricalParam, ContinuousParam, ParamSpec, SynthParam } from './spec-types';

/**
 * What a probe render measured with one parameter moved alone from the default patch. Structurally
 * the entries of @vstds/vst-host's `probeParameters` result, which this package does not import.
 */
export interface ProbeMeasurement {
  value: number;
  rmsDb: number;
  difference: number;
}

export interface ParameterMeasurements {
  base: { rmsDb: number };
  parameters: readonly { key: string; points: readonly ProbeMeasurement[] }[];
}

export interface RefineDraftOptions {
  /** A probe render quieter than this RMS (dBFS) counts as silencing; default -50 (about -55 LUFS for a 4 s row). */
  quietDb?: number;
  /** A parameter whose probes all differ from the default render by less than this does nothing audible; default 1e-4. */
  minDifference?: number;
  /** A continuous range narrower than this is left out (fixed at its default); default 0.05. */
  minWidth?: number;
}

export type DraftDecision =
  | { key: string; action: 'kept' }
  | { key: string; action: 'narrowed'; detail: string }
  | { key: string; action: 'fixed'; reason: 'non-musical' | 'inaudible' | 'silences' };

export interface RefinedDraft {
  spec: ParamSpec;
  decisions: DraftDecision[];
}

// Performance and setup controls, not timbre: keyboard ranges and split points, MIDI channel and
// program, master tuning and transposition, polyphony and voice counts, pitch-bend range, quality.
const NON_MUSICAL =
  /(^|_)(key(board)?s?_?(low|high|lo|hi|split|range|min|max|track(ing)?_?(low|high))|split(_?point)?|midi|channel|chan|program|bank|tun(e|ing)|transpose|poly(phony)?|voices?|voice_count|legato_mode|bend_?range|pb_?range|panic|bypass|oversampl\w*|quality|sample_rate|latency)(_|$)/i;

/** True for parameters a dataset should keep at their default (see NON_MUSICAL). */
export function isNonMusicalParameter(p: Pick<PluginParameterInfo, 'key' | 'title'>): boolean {
  return NON_MUSICAL.test(p.key) || NON_MUSICAL.test(p.title.replace(/\s+/g, '_'));
}

/**
 * Turns a `draftSpecFromPlugin` draft into one whose rows sound: parameters that are non-musical
 * or do nothing audible are left out (they stay at the plugin's default), continuous ranges stop
 * halfway between the last audible probe and the first silencing one, and categorical options
 * that silence the plugin are dropped. Pure: it only reads the measurements.
 */
export function refineDraft(
  draft: ParamSpec,
  parameters: readonly PluginParameterInfo[],
  measurements: ParameterMeasurements,
  opts: RefineDraftOptions = {},
): RefinedDraft {
  const quietDb = opts.quietDb ?? -50;
  const minDifference = opts.minDifference ?? 1e-4;
  const minWidth = opts.minWidth ?? 0.05;
  const byKey = new Map(parameters.map((p) => [p.key, p]));
  const probes = new Map(measurements.parameters.map((m) => [m.key, m.points]));
  const baseQuiet = !(measurements.base.rmsDb >= quietDb);
  const decisions: DraftDecision[] = [];
  const synth_params: SynthParam[] = [];
  for (const sp of draft.synth_params) {
    const info = byKey.get(sp.name);
    const points = probes.get(sp.name);
    if (info && isNonMusicalParameter(info)) {
      decisions.push({ key: sp.name, action: 'fixed', reason: 'non-musical' });
      continue;
    }
    if (!info || !points || points.length === 0 || baseQuiet) {
      // Unprobed, or no sounding default patch to compare against: keep the draft's choice.
      synth_params.push(sp);
      decisions.push({ key: sp.name, action: 'kept' });
      continue;
    }
    if (points.every((p) => p.difference < minDifference)) {
      decisions.push({ key: sp.name, action: 'fixed', reason: 'inaudible' });
      continue;
    }
    const quiet = (p: ProbeMeasurement) => !(p.rmsDb >= quietDb);
    if (!points.some(quiet)) {
      synth_params.push(sp);
      decisions.push({ key: sp.name, action: 'kept' });
      continue;
    }
    const refined = sp.kind === 'categorical' ? dropQuietOptions(sp, points, quiet) : narrowRange(sp, info.defaultValue, points, quiet, minWidth);
    if (!refined) {
      decisions.push({ key: sp.name, action: 'fixed', reason: 'silences' });
      continue;
    }
    synth_params.push(refined.param);
    decisions.push({ key: sp.name, action: 'narrowed', detail: refined.detail });
  }
  return { spec: { ...draft, synth_params }, decisions };
}

function narrowRange(
  sp: Exclude<SynthParam, CategoricalParam>,
  defaultValue: number,
  points: readonly ProbeMeasurement[],
  quiet: (p: ProbeMeasurement) => boolean,
  minWidth: number,
): { param: SynthParam; detail: string } | undefined {
  if (sp.kind !== 'continuous') return undefined;
  // The default patch sounds, so the default itself is an audible point.
  const audible = [defaultValue, ...points.filter((p) => !quiet(p)).map((p) => p.value)];
  let lo = sp.min;
  let hi = sp.max;
  for (const p of points.filter(quiet)) {
    if (p.value <= defaultValue) {
      const next = Math.min(...audible.filter((v) => v > p.value));
      lo = Math.max(lo, (p.value + next) / 2);
    } else {
      const prev = Math.max(...audible.filter((v) => v < p.value));
      hi = Math.min(hi, (p.value + prev) / 2);
    }
  }
  if (!(hi - lo >= minWidth)) return undefined;
  const param: ContinuousParam = { ...sp, min: round(lo), max: round(hi) };
  return { param, detail: `[${param.min}, ${param.max}]` };
}

function dropQuietOptions(
  sp: CategoricalParam,
  points: readonly ProbeMeasurement[],
  quiet: (p: ProbeMeasurement) => boolean,
): { param: SynthParam; detail: string } | undefined {
  const raw = sp.raw_values ?? sp.values.map((_, i) => (sp.values.length > 1 ? i / (sp.values.length - 1) : 0));
  const quietValues = points.filter(quiet).map((p) => p.value);
  const keep = raw.map((r) => !quietValues.some((q) => Math.abs(q - r) < 1e-9));
  const values = sp.values.filter((_, i) => keep[i]);
  if (values.length < 2) return undefined;
  const param: CategoricalParam = { ...sp, values, raw_values: raw.filter((_, i) => keep[i]) };
  if (sp.weights) param.weights = sp.weights.filter((_, i) => keep[i]);
  const dropped = sp.values.filter((_, i) => !keep[i]);
  return { param, detail: `without ${dropped.map((v) => JSON.stringify(v)).join(', ')}` };
}

/**
 * Every continuous range shrunk toward the parameter's default by `factor` (0.5 halves it): the
 * next step when random combinations of individually audible values still silence too many rows.
 */
export function narrowTowardDefaults(spec: ParamSpec, parameters: readonly PluginParameterInfo[], factor: number): ParamSpec {
  const defaults = new Map(parameters.map((p) => [p.key, p.defaultValue]));
  const synth_params = spec.synth_params.map((sp): SynthParam => {
    if (sp.kind !== 'continuous') return sp;
    const d = Math.min(sp.max, Math.max(sp.min, defaults.get(sp.name) ?? (sp.min + sp.max) / 2));
    return { ...sp, min: round(d - (d - sp.min) * factor), max: round(d + (sp.max - d) * factor) };
  });
  return { ...spec, synth_params };
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
