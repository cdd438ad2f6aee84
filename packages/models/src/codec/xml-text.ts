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
  // The XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
  const isChar =
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff);
  if (!isChar) {
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
