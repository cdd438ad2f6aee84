import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EwsInvalidArgumentError, el, escapeAttribute, escapeText, fragments, raw } from '../../src/index.js';

// el()/escapeText/escapeAttribute skip the full check for plain text (issue 16, the models write
// path). The shortcut must never change a result: every string is refused exactly when XML 1.0's
// Char production excludes one of its characters, and otherwise escaped as the spec says.
const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const text = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const attribute = (s: string) =>
  text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

describe('the plain-text fast path', () => {
  it('agrees with the XML 1.0 rule on any string of UTF-16 code units', () => {
    const units = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
    const samples = fc.oneof(units, fc.string({ unit: 'binary' }), fc.string());
    fc.assert(
      fc.property(samples, (s) => {
        if (INVALID.test(s)) {
          expect(() => el('t:a', {}, s)).toThrow(EwsInvalidArgumentError);
          expect(() => el('t:a', { v: s })).toThrow(EwsInvalidArgumentError);
          expect(() => escapeText(s)).toThrow(EwsInvalidArgumentError);
          expect(() => escapeAttribute(s)).toThrow(EwsInvalidArgumentError);
        } else {
          expect(el('t:a', { v: s }, s).xml).toBe(`<t:a v="${attribute(s)}">${text(s)}</t:a>`);
          expect(escapeText(s)).toBe(text(s));
          expect(escapeAttribute(s)).toBe(attribute(s));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses each code unit XML cannot carry, alone and behind a character that needs escaping', () => {
    // The slow path screens for controls, surrogates and U+FFFE/U+FFFF before its exact check.
    for (let c = 0; c <= 0xffff; c++) {
      const unit = String.fromCharCode(c);
      for (const s of [unit, `a & ${unit}`, `${unit}<`]) {
        if (INVALID.test(s)) {
          expect(() => el('t:a', {}, s)).toThrow(EwsInvalidArgumentError);
          expect(() => el('t:a', { v: s })).toThrow(EwsInvalidArgumentError);
        } else {
          expect(el('t:a', { v: s }, s).xml).toBe(`<t:a v="${attribute(s)}">${text(s)}</t:a>`);
        }
      }
    }
    // A pair is one character; the same units reversed are two lone surrogates.
    expect(el('t:a', {}, 'a & \u{1F600}').xml).toBe('<t:a>a &amp; \u{1F600}</t:a>');
    expect(() => el('t:a', {}, 'a & \uDE00\uD83D')).toThrow(/Text of t:a contains U\+DE00 at index 4/);
    expect(() => el('t:a', { v: '<\uFFFF' })).toThrow(/Attribute v of t:a contains U\+FFFF at index 1/);
  });

  it('keeps an empty text child distinct from no child', () => {
    expect(el('t:a', {}, raw('')).xml).toBe('<t:a></t:a>');
    expect(el('t:a', {}, [raw(''), undefined]).xml).toBe('<t:a></t:a>');
    expect(fragments([]).xml).toBe('');
    expect(el('t:a', {}, '').xml).toBe('<t:a></t:a>');
    expect(el('t:a', {}, []).xml).toBe('<t:a/>');
    expect(el('t:a', {}, [undefined, null]).xml).toBe('<t:a/>');
  });

  it('still refuses a bad name after good ones were remembered', () => {
    for (let i = 0; i < 5000; i++) el(`t:n${i}`);
    expect(() => el('t:a b')).toThrow(EwsInvalidArgumentError);
    expect(() => el('t:a', { 'x y': 1 })).toThrow(EwsInvalidArgumentError);
  });
});
