import { describe, expect, it } from 'vitest';
import { draftSpecFromPlugin, loadSpec, validateAgainstPlugin, width } from '../src/index';
import { jx10Parameters, nekobiParameters, pedalboardKey } from './plugin-metadata';

describe('built-in specs against the real plugins\' metadata', () => {
  it('derives keys by the pedalboard rule', () => {
    expect(pedalboardKey('A Amp EG Attack', '')).toBe('a_amp_eg_attack');
    expect(pedalboardKey('Cutoff', '%')).toBe('cutoff');
    expect(pedalboardKey('Delay Time', 'Hz')).toBe('delay_time_hz');
    expect(pedalboardKey('Key C#', '')).toBe('key_c_sharp');
    expect(pedalboardKey('Gain', ':dB')).toBe('gain');
  });

  it('mda_jx10 names each of JX10\'s 24 control ports once, all continuous within 0..1', () => {
    const ports = jx10Parameters();
    expect(ports).toHaveLength(24);
    const spec = loadSpec('mda_jx10');
    expect(spec.synth_params.map((p) => p.name).sort()).toEqual(ports.map((p) => p.key).sort());
    expect(spec.synth_params.every((p) => p.kind === 'continuous')).toBe(true);
    expect(() => validateAgainstPlugin(spec, ports)).not.toThrow();
    expect(width(spec)).toBe(25);
  });

  it('nekobi names Nekobi\'s 8 visible parameters, Waveform a 2-step categorical at 0 and 1', () => {
    const params = nekobiParameters();
    expect(params.map((p) => p.key)).toEqual(['waveform', 'tuning', 'cutoff', 'vcf_resonance', 'env_mod', 'decay', 'accent', 'volume']);
    const spec = loadSpec('nekobi');
    expect(() => validateAgainstPlugin(spec, params)).not.toThrow();
    const waveform = spec.synth_params.find((p) => p.name === 'waveform');
    expect(waveform).toMatchObject({ kind: 'categorical', values: ['Square', 'Triangle'], raw_values: [0, 1] });
    // The drafted spec of the same parameters agrees on Waveform's positions and labels.
    expect(draftSpecFromPlugin(params).synth_params[0]).toEqual({ ...waveform, name: 'waveform' });
    expect(width(spec)).toBe(11);
  });
});
