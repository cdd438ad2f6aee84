// Valid values as fast-check arbitraries: XML 1.0 characters (markup characters, every plane),
// texts a reader must hand back unchanged, and the numbers a mutation case draws.

import fc from 'fast-check';

/** One character XML 1.0 allows, weighted toward what breaks naive writers and readers. */
export function xmlCharacter() {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
    { weight: 2, arbitrary: fc.constantFrom('<', '>', '&', '"', "'", ']]>', '&amp;', '\t', '\n', '\r', ' ') },
    { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((code) => String.fromCharCode(code)) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }).map((code) => String.fromCharCode(code)),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
    },
  );
}

/** A non-empty text of XML characters without leading or trailing whitespace (readers may trim). */
export function validText({ minLength = 1, maxLength = 40 } = {}) {
  return fc
    .string({ unit: xmlCharacter(), minLength, maxLength })
    .map((text) => text.trim())
    .filter((text) => text.length > 0 && !/^\s|\s$/.test(text));
}

/** The numbers one mutation case draws (what to mutate is chosen from them by the class). */
export function mutationCase(answerIndexes, options = {}) {
  return fc.record({
    answer: fc.constantFrom(...answerIndexes),
    pick: fc.nat(),
    variant: fc.nat(),
    n1: fc.nat(),
    chunkSeed: fc.nat(),
    text: validText({ maxLength: options.maxTextLength ?? 40 }),
  });
}
