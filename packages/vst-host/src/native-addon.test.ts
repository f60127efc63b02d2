import { describe, expect, it } from 'vitest';
import { loadNativeAddon } from './native-addon';

describe('native addon', () => {
  it('loads the compiled .node and calls into it', () => {
    expect(loadNativeAddon().addonVersion()).toMatch(
      /^vstds-host-native \d+\.\d+\.\d+$/,
    );
  });
});
