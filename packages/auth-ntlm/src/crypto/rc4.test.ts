import { describe, expect, it } from 'vitest';
import { rc4 } from './rc4.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('rc4', () => {
  // The classic published RC4 examples (key, plaintext, ciphertext).
  it.each([
    ['Key', 'Plaintext', 'bbf316e8d940af0ad3'],
    ['Wiki', 'pedia', '1021bf0420'],
    ['Secret', 'Attack at dawn', '45a01f645fc35b383552544b9bf5'],
  ])('RC4(%j, %j)', (key, plaintext, expected) => {
    expect(hex(rc4(ascii(key), ascii(plaintext)))).toBe(expected);
  });

  it('is its own inverse', () => {
    const key = ascii('session');
    const data = new Uint8Array(300).map((_, i) => i * 7);
    expect(rc4(key, rc4(key, data))).toEqual(data);
  });

  it('refuses an empty key', () => {
    expect(() => rc4(new Uint8Array(0), ascii('x'))).toThrow(RangeError);
  });
});
