import { describe, expect, it } from 'vitest';
import { loadSpec } from './load-spec';
import { sampleRow } from './sample-row';

describe('weighted categorical draws', () => {
  it('match their weights within 3 sigma over 20 000 rows (a_osc_1_octave: 1,1,1,6,1,1,1)', () => {
    const spec = loadSpec('surge_xt');
    const param = spec.synth_params.find((p) => p.name === 'a_osc_1_octave');
    if (param?.kind !== 'categorical') throw new Error('surge_xt lost a_osc_1_octave');
    const raws = param.raw_values!;
    const weights = param.weights!;
    const total = weights.reduce((a, b) => a + b, 0);
    const counts = raws.map(() => 0);
    const n = 20_000;
    for (let i = 0; i < n; i++) counts[raws.indexOf(sampleRow(spec, { seed: 2024, index: i, attempt: 0 }).synthParams.a_osc_1_octave!)]!++;
    counts.forEach((c, i) => {
      const p = weights[i]! / total;
      const sigma = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(c - n * p), `option ${param.values[i]}: ${c} of ${n}`).toBeLessThan(3 * sigma);
    });
  });
});
