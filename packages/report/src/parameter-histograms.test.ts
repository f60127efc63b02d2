import { describe, expect, it } from 'vitest';
import { decode, encode, loadSpec, sampleRow } from '@vstds/param-spec';
import { parameterHistograms } from './parameter-histograms';

function rows(specName: string, n: number) {
  const spec = loadSpec(specName);
  const out = Array.from({ length: n }, (_, i) => {
    const s = sampleRow(spec, { seed: 9, index: i, attempt: 0 });
    const d = decode(spec, encode(spec, s.synthParams, s.noteParams));
    return { ...d.synthParams, ...(d.noteParams as unknown as Record<string, number>) };
  });
  return { spec, out };
}

describe('parameterHistograms', () => {
  it('one per spec parameter; counts and spec expectations both sum to the rows; the real sampler matches the spec', () => {
    const { spec, out } = rows('mda_jx10', 4000);
    const hs = parameterHistograms(spec, out);
    expect(hs.map((h) => h.name)).toEqual([...spec.synth_params, ...spec.note_params].map((p) => p.name));
    for (const h of hs) {
      const s = h.series[0]!;
      expect(s.counts.reduce((a, b) => a + b, 0)).toBe(4000);
      expect(s.expected!.reduce((a, b) => a + b, 0)).toBeCloseTo(4000, 6);
      // a correct sampler stays within a generous band of what the spec predicts, bin by bin; not
      // pitch: decode truncates float32 scalar pitches (55 → 54, see @vstds/param-spec decode), which
      // the report shows as it is
      if (h.name === 'pitch') continue;
      for (let i = 0; i < s.counts.length; i++) expect(Math.abs(s.counts[i]! - s.expected![i]!)).toBeLessThan(6 * Math.sqrt(s.expected![i]!) + 10);
    }
    // constant_p 0.3 at 0.5: the spike is in the bin holding 0.5
    const semi = hs.find((h) => h.name === 'osc_tune_semi')!.series[0]!;
    expect(Math.max(...semi.expected!)).toBeGreaterThan(0.3 * 4000);
  });

  it('a broken sampler shows: values stuck at the minimum are far from a uniform expectation', () => {
    const { spec, out } = rows('mda_jx10', 1000);
    const broken = out.map((r) => ({ ...r, osc_mix: 0 }));
    const h = parameterHistograms(spec, broken).find((x) => x.name === 'osc_mix')!.series[0]!;
    expect(h.counts[0]).toBe(1000);
    expect(h.expected![0]).toBeCloseTo(50, 6);
  });

  it('categorical parameters get one bin per option, expected by weight', () => {
    const { spec, out } = rows('nekobi', 600);
    const cat = spec.synth_params.find((p) => p.kind === 'categorical');
    expect(cat).toBeDefined();
    const h = parameterHistograms(spec, out).find((x) => x.name === cat!.name)!;
    expect(h.labels).toEqual((cat as { values: string[] }).values);
    expect(h.series[0]!.counts.reduce((a, b) => a + b, 0)).toBe(600);
  });
});
