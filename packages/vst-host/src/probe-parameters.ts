import type { Plugin } from './plugin';
import type { NoteEvent, RenderedAudio } from './types';

/** One probed value of one parameter, measured against the default patch. */
export interface ProbePoint {
  /** Normalized value the parameter was set to (everything else at the base state). */
  value: number;
  /** RMS level of the render in dBFS (-Infinity for digital silence). */
  rmsDb: number;
  peak: number;
  /** Largest sample difference from the default patch's render. */
  difference: number;
}

export interface ParameterProbe {
  key: string;
  points: ProbePoint[];
}

export interface ParameterProbes {
  /** The default patch (base state) rendered with the probe note. */
  base: { rmsDb: number; peak: number };
  parameters: ParameterProbe[];
}

export interface ProbeParametersOptions {
  /** The note every probe plays; default middle C, velocity 100, held 1 s. */
  note?: NoteEvent;
  /** Render length in seconds; default 1.5 (the note plus some release). */
  seconds?: number;
  /** Values tried per continuous parameter; default 0, 0.5, 1. */
  values?: readonly number[];
  /** Discrete parameters with more steps than this are probed at `values` only; default 16. */
  maxSteps?: number;
  /** Only these keys (default all listed parameters). */
  keys?: readonly string[];
}

function measure(audio: RenderedAudio, reference?: RenderedAudio): { rmsDb: number; peak: number; difference: number } {
  let sum = 0;
  let count = 0;
  let peak = 0;
  let difference = 0;
  audio.channels.forEach((ch, c) => {
    const ref = reference?.channels[c];
    for (let i = 0; i < ch.length; i++) {
      const v = ch[i]!;
      sum += v * v;
      peak = Math.max(peak, Math.abs(v));
      if (ref) difference = Math.max(difference, Math.abs(v - ref[i]!));
    }
    count += ch.length;
  });
  const rms = count > 0 ? Math.sqrt(sum / count) : 0;
  return { rmsDb: rms > 0 ? 20 * Math.log10(rms) : -Infinity, peak, difference };
}

/**
 * Renders one note with each parameter moved alone to a few values (the extremes and the midpoint,
 * or every step of a short list) and measures level and difference from the default patch, so a
 * spec draft can leave out parameters that do nothing and narrow those that silence the plugin.
 * Renders go through `plugin.render`, so they start from the base state like dataset rows.
 */
export async function probeParameters(plugin: Plugin, opts: ProbeParametersOptions = {}): Promise<ParameterProbes> {
  const note = opts.note ?? { pitch: 60, velocity: 100, start: 0, end: 1 };
  const seconds = opts.seconds ?? 1.5;
  const values = opts.values ?? [0, 0.5, 1];
  const maxSteps = opts.maxSteps ?? 16;
  const wanted = opts.keys ? new Set(opts.keys) : undefined;
  const notes = plugin.info.isInstrument ? [note] : [];
  const base = await plugin.render({ notes, seconds });
  const baseLevel = measure(base);
  const parameters: ParameterProbe[] = [];
  for (const p of plugin.parameters) {
    if (wanted && !wanted.has(p.key)) continue;
    const tried =
      p.stepCount > 0 && p.stepCount <= maxSteps ? Array.from({ length: p.stepCount + 1 }, (_, i) => i / p.stepCount) : values;
    const points: ProbePoint[] = [];
    for (const value of tried) {
      const audio = await plugin.render({ params: { [p.key]: value }, notes, seconds });
      points.push({ value, ...measure(audio, base) });
    }
    parameters.push({ key: p.key, points });
  }
  return { base: { rmsDb: baseLevel.rmsDb, peak: baseLevel.peak }, parameters };
}
