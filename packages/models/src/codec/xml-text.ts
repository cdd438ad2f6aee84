import { protocolError } from '../errors.js';

const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const PREDEFINED: Readonly<Record<string, string>> = Object.freeze({
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
});

function fromCodePoint(codePoint: number): string {
  // XML 1.0 Char: no NUL, no surrogates, nothing above U+10FFFF.
  if (codePoint === 0 || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) {
    throw protocolError('not well-formed XML: a character reference to a character XML cannot carry');
  }
  return String.fromCodePoint(codePoint);
}

/**
 * Character data as XML defines it: CR LF and lone CR read as LF, then the five predefined
 * entities and numeric references decoded. Other `&name;` stay as written (XML without a DTD
 * declares no other entity).
 */
export function decodeXmlText(raw: string): string {
  const text = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  if (text.indexOf('&') === -1) return text;
  return text.replace(
    REFERENCE,
    (_, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
      if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
      if (decimal !== undefined) return fromCodePoint(Number(decimal));
      return PREDEFINED[name!]!;
    },
  );
}
