import { describe, expect, it } from 'vitest';
import { parameterKey } from './parameter-key';

describe('parameterKey (pedalboard naming)', () => {
  it.each([
    ['A Amp EG Attack', '', 'a_amp_eg_attack'],
    ['Cutoff', 'Hz', 'cutoff_hz'],
    ['Cutoff', '%', 'cutoff'],
    ['Tune', ':semitones', 'tune'],
    ['  Osc 1 -- Pitch  ', ' ', 'osc_1_pitch'],
    ['C# Level', '', 'c_sharp_level'],
    ['B♭ / A♯', '', 'b_flat_a_sharp'],
    ['Über Drive (x)', 'dB', 'ber_drive_x_db'],
  ])('%j + %j -> %s', (title, units, key) => {
    expect(parameterKey(title, units)).toBe(key);
  });
});
