import { describe, expect, it } from 'vitest';
import { packageInfo } from './package-info';

describe('packageInfo', () => {
  it('names this package', () => {
    expect(packageInfo().name).toBe('@vstds/midi');
  });
});
