import { isNameChar, isNameStartChar } from './xml-names.js';
import { XmlSyntaxError } from './xml-syntax-error.js';

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

const ENTITY_REFERENCE = /&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g;

/** Decodes the five predefined entities and character references; anything else stays as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_REFERENCE, (reference, body: string) => {
    if (!body.startsWith('#')) return PREDEFINED_ENTITIES[body] ?? reference;
    const codePoint =
      body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : reference;
  });
}

/**
 * Character data between `start` and `end` of `document`: CR LF and lone CR read as LF (the
 * XML end-of-line rule), then entities decoded. A `&` that starts no reference is refused.
 */
export function readCharacterData(document: string, start: number, end: number): string {
  let raw = document.slice(start, end);
  const ampersand = raw.indexOf('&');
  if (ampersand !== -1) checkReferences(raw, ampersand, start);
  if (raw.includes('\r')) raw = raw.replace(/\r\n?/g, '\n');
  return ampersand === -1 ? raw : decodeEntities(raw);
}

/** Checks character data like readCharacterData, without making its string (deferred elements). */
export function checkCharacterData(document: string, start: number, end: number): void {
  // A bounded scan: indexOf could run far past `end` once per text node.
  for (let index = start; index < end; index++) {
    if (document.charCodeAt(index) === 0x26 /* & */) {
      checkReferences(document.slice(start, end), index - start, start);
      return;
    }
  }
}

/** Checks an attribute value like readAttributeValue, without making its string. */
export function checkAttributeValue(document: string, start: number, end: number): void {
  let ampersand = -1;
  for (let index = start; index < end; index++) {
    const code = document.charCodeAt(index);
    if (code === 0x3c /* < */) throw new XmlSyntaxError('InvalidAttr', "'<' in an attribute value", index);
    if (code === 0x26 /* & */ && ampersand === -1) ampersand = index;
  }
  if (ampersand !== -1) checkReferences(document.slice(start, end), ampersand - start, start);
}

/**
 * An attribute value between `start` and `end` (quotes excluded). Attribute-value
 * normalisation: line ends and tabs read as spaces (a CR LF as one space); references decoded
 * after that, so `&#10;` still carries a newline.
 */
export function readAttributeValue(document: string, start: number, end: number): string {
  let needsNormalising = false;
  let ampersand = -1;
  for (let index = start; index < end; index++) {
    const code = document.charCodeAt(index);
    if (code === 0x3c /* < */) throw new XmlSyntaxError('InvalidAttr', "'<' in an attribute value", index);
    if (code === 0x26 /* & */) {
      if (ampersand === -1) ampersand = index - start;
    } else if (code === 0x09 || code === 0x0a || code === 0x0d) needsNormalising = true;
  }
  let raw = document.slice(start, end);
  if (ampersand !== -1) checkReferences(raw, ampersand, start);
  if (needsNormalising) raw = raw.replace(/\r\n?|[\t\n]/g, ' ');
  return ampersand === -1 ? raw : decodeEntities(raw);
}

/** Throws for the first `&` (from `first` on) that does not start a well-formed reference. */
function checkReferences(raw: string, first: number, offset: number): void {
  for (let index = first; index !== -1; index = raw.indexOf('&', index + 1)) {
    if (!isReference(raw, index + 1)) {
      throw new XmlSyntaxError(
        'InvalidChar',
        "'&' that starts no entity or character reference",
        offset + index,
      );
    }
  }
}

/** Whether `raw` from `start` (just after `&`) is `#digits;`, `#xhex;` or `name;`. */
function isReference(raw: string, start: number): boolean {
  let index = start;
  if (raw.charCodeAt(index) === 0x23 /* # */) {
    index++;
    const hex = raw.charCodeAt(index) === 0x78; /* x */
    if (hex) index++;
    const digitsStart = index;
    while (index < raw.length && (hex ? isHexDigit(raw.charCodeAt(index)) : isDigit(raw.charCodeAt(index))))
      index++;
    return index > digitsStart && raw.charCodeAt(index) === 0x3b; /* ; */
  }
  if (!isNameStartChar(raw.charCodeAt(index))) return false;
  index++;
  while (index < raw.length && isNameChar(raw.charCodeAt(index))) index++;
  return raw.charCodeAt(index) === 0x3b; /* ; */
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/** The XML 1.0 `Char` production: what a character reference may produce. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}
