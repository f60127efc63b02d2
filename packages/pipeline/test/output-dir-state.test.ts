import { describe, expect, it } from 'vitest';
import { configDefaults, differingConfigKeys, type GenerateConfig } from '../src/index';

// A dataset's recorded config predates the keys added since (max_peak, clip_policy,
// max_crash_rate, crash_rate_min_attempts): at their defaults they ask for what it was made with.
const config = {
  plugin_path: '/p.vst3', param_spec: 'nekobi', output_dir: '/o', num_samples: 10, num_workers: 2, seed: 1,
  max_peak: configDefaults.max_peak, clip_policy: configDefaults.clip_policy,
  max_crash_rate: configDefaults.max_crash_rate, crash_rate_min_attempts: configDefaults.crash_rate_min_attempts,
} as unknown as GenerateConfig;
const recorded = { plugin_path: '/p.vst3', param_spec: 'nekobi', output_dir: '/o', num_samples: 10, num_workers: 4, seed: 1 };

describe('differingConfigKeys with keys added after a dataset was started', () => {
  it('a dataset recorded without them resumes when they are at their defaults', () => {
    expect(differingConfigKeys(recorded, config)).toEqual([]);
  });

  it('a level check that changes which rows are kept is a difference; the crash rate is not', () => {
    expect(differingConfigKeys(recorded, { ...config, max_peak: 1, clip_policy: 'reject' })).toEqual(['clip_policy', 'max_peak']);
    expect(differingConfigKeys(recorded, { ...config, max_crash_rate: 1, crash_rate_min_attempts: 5 })).toEqual([]);
    expect(differingConfigKeys({ ...recorded, max_peak: 1 }, { ...config, max_peak: 2 })).toEqual(['max_peak']);
  });
});
