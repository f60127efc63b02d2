import type { DatasetSummary, Sample } from '@vstds/reader';
import { integratedLoudness } from '@vstds/dsp-mel';
import { countInto, evenEdges, integerEdges, type Histogram } from './histogram';

/** The per-row numbers behind the loudness, pitch and velocity histograms. */
export interface SignalFacts {
  loudness: number;
  pitch: number;
  velocity: number;
}

/** Integrated loudness (pyloudnorm-exact, the gate's own measure) and the stored note of one row. */
export function signalFacts(s: Sample, sampleRate: number): SignalFacts {
  let loudness: number;
  try {
    loudness = integratedLoudness(s.audio, sampleRate);
  } catch {
    loudness = Number.NaN;
  }
  return { loudness, pitch: s.midi_note, velocity: s.velocity };
}

/** Histograms of integrated loudness (gate threshold marked), MIDI pitch and velocity. */
export function signalHistograms(facts: SignalFacts[], info: DatasetSummary): Histogram[] {
  const n = facts.length;
  const lufs = facts.map((f) => f.loudness).filter(Number.isFinite);
  const silent = n - lufs.length;
  const lo = Math.floor(Math.min(info.min_loudness, ...lufs) - 1);
  const hi = Math.ceil(Math.max(info.min_loudness + 1, ...lufs) + 1);
  const loudEdges = evenEdges(lo, hi, 30);
  const pitches = facts.map((f) => f.pitch);
  const vels = facts.map((f) => f.velocity);
  const pitchEdges = integerEdges(Math.min(info.min_pitch, ...pitches), Math.max(info.max_pitch, ...pitches), 128);
  const velRange = Array.isArray(info.velocity) ? info.velocity : [info.velocity, info.velocity];
  const velEdges = integerEdges(Math.min(velRange[0]!, ...vels), Math.max(velRange[1]!, ...vels), 128);
  return [
    {
      name: 'integrated loudness (LUFS)', kind: 'loudness', edges: loudEdges, n,
      series: [{ label: 'rows', counts: countInto(loudEdges, lufs) }],
      marker: { value: info.min_loudness, label: `gate ${info.min_loudness} LUFS` },
      ...(silent ? { note: `${silent} row(s) with no loudness (every block gated or audio not finite) are not in the bins` } : {}),
    },
    { name: 'pitch (MIDI note)', kind: 'pitch', edges: pitchEdges, n, series: [{ label: 'rows', counts: countInto(pitchEdges, pitches) }] },
    { name: 'velocity', kind: 'velocity', edges: velEdges, n, series: [{ label: 'rows', counts: countInto(velEdges, vels) }] },
  ];
}
