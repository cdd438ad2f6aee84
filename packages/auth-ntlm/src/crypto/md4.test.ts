import { describe, expect, it } from 'vitest';
import { md4 } from './md4.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('md4', () => {
  // RFC 1320, appendix A.5 "Test suite".
  it.each([
    ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
    ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
    ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
    ['message digest', 'd9130a8164549fe818874806e1c7014b'],
    ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
    [
      '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
      'e33b4ddc9c38f2199c3e7b164fcc0536',
    ],
  ])('MD4(%j) matches RFC 1320', (input, expected) => {
    expect(hex(md4(ascii(input)))).toBe(expected);
  });

  it('handles the padding boundaries (55, 56, 63, 64 bytes) consistently with a split computation', () => {
    // 55 bytes fit one block with padding, 56 need two: both must differ and be stable.
    const digests = [55, 56, 63, 64, 65].map((length) => hex(md4(new Uint8Array(length).fill(0x61))));
    expect(new Set(digests).size).toBe(5);
    expect(hex(md4(new Uint8Array(56).fill(0x61)))).toBe(hex(md4(new Uint8Array(56).fill(0x61))));
  });

  it('accepts a view into a larger buffer', () => {
    const backing = ascii('xxabcxx');
    expect(hex(md4(backing.subarray(2, 5)))).toBe('a448017aaf21d8525fc10ae87aa6729d');
  });
});
