import { SpecValidationError } from './errors';
import type { ParamSpec, SynthParams } from './spec-types';

/** One effect of a chain: its spec (no note parameters) and the prefix of its parameter names. */
export interface EffectSpec {
  prefix: string;
  spec: ParamSpec;
}

/**
 * The name prefix of the effect at `index` (0-based) in a chain: `fx1.`, `fx2.`, … Plugin keys
 * never contain a dot (see vst-host's parameterKey), so a prefixed name splits back unambiguously.
 */
export function effectPrefix(index: number): string {
  return `fx${index + 1}.`;
}

/**
 * One spec for an instrument followed by effects: the instrument's synth parameters, then each
 * effect's with its prefix, so a row draws them from the same PRNG in that order and encodes them
 * after the instrument's; the note parameters are the instrument's. Plain data, decodable as is.
 */
export function chainSpec(instrument: ParamSpec, effects: readonly EffectSpec[]): ParamSpec {
  if (effects.length === 0) return instrument;
  const problems: { file: string; param?: string; message: string }[] = [];
  const seen = new Set(instrument.synth_params.map((p) => p.name));
  const synth_params = [...instrument.synth_params];
  for (const { prefix, spec } of effects) {
    if (spec.note_params.length > 0) problems.push({ file: spec.name, message: `an effect's spec has no note parameters, found ${spec.note_params.map((p) => p.name).join(', ')}` });
    for (const p of spec.synth_params) {
      const name = `${prefix}${p.name}`;
      if (seen.has(name)) problems.push({ file: spec.name, param: name, message: 'duplicate parameter name in the chain (give the effects distinct prefixes)' });
      seen.add(name);
      synth_params.push({ ...p, name });
    }
  }
  if (problems.length > 0) throw new SpecValidationError(problems);
  return { name: [instrument.name, ...effects.map((e) => e.spec.name)].join('+'), synth_params, note_params: instrument.note_params };
}

/** Splits a chain row's synth parameters back into the instrument's and each effect's (unprefixed). */
export function splitChainParams(params: SynthParams, prefixes: readonly string[]): { instrument: SynthParams; effects: SynthParams[] } {
  const instrument: SynthParams = {};
  const effects: SynthParams[] = prefixes.map(() => ({}));
  for (const [name, value] of Object.entries(params)) {
    const i = prefixes.findIndex((prefix) => name.startsWith(prefix));
    if (i < 0) instrument[name] = value;
    else effects[i]![name.slice(prefixes[i]!.length)] = value;
  }
  return { instrument, effects };
}
