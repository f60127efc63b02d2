import { describe, expect, it } from 'vitest';
import { closestKeys } from './closest-keys';

describe('closestKeys', () => {
  it('ranks by edit distance, ties in listing order', () => {
    expect(closestKeys('cutof', ['volume', 'cutoff', 'decay', 'accent', 'cut'])).toEqual(['cutoff', 'cut', 'decay']);
  });
});
