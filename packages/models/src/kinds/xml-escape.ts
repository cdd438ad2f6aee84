import { invalidArgument } from '../errors.js';

// XML 1.0 cannot carry these code points at all, escaped or not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the characters XML forbids is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const TEXT_SPECIAL = /[&<>\r]/;
const ATTRIBUTE_SPECIAL = /[&<>"\r\n\t]/;

// \r is written as a reference because parsers turn a literal CR LF into LF (XML 1.0 §2.11);
// in attributes \n and \t are too, because attribute values are whitespace-normalized.
const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

function checkCharacters(value: string, where: string): void {
  if (FORBIDDEN.test(value)) {
    throw invalidArgument(`${where}: contains a control character that XML 1.0 cannot carry`);
  }
}

/** Escapes element text. `where` names the field in the error (never the value: it may be private). */
export function escapeText(value: string, where: string): string {
  checkCharacters(value, where);
  return TEXT_SPECIAL.test(value) ? value.replace(/[&<>\r]/g, (c) => ENTITY[c] ?? c) : value;
}

export function escapeAttribute(value: string, where: string): string {
  checkCharacters(value, where);
  return ATTRIBUTE_SPECIAL.test(value) ? value.replace(/[&<>"\r\n\t]/g, (c) => ENTITY[c] ?? c) : value;
}
