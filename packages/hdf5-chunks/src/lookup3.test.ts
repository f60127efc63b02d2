import { describe, expect, it } from 'vitest';
import { lookup3 } from './lookup3';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('lookup3', () => {
  it('matches the test vectors of Jenkins’ lookup3.c driver', () => {
    expect(lookup3(bytes(''), 0)).toBe(0xdeadbeef);
    expect(lookup3(bytes(''), 0xdeadbeef)).toBe(0xbd5b7dde);
    expect(lookup3(bytes('Four score and seven years ago'), 0)).toBe(0x17770551);
    expect(lookup3(bytes('Four score and seven years ago'), 1)).toBe(0xcd628161);
  });
});
