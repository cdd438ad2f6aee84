import { isXmlChar } from './xml-chars.js';
import { isNameChar, isNameStartChar } from './xml-names.js';
import { XmlSyntaxError } from './xml-syntax-error.js';

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

const ENTITY_REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g;

/**
 * Decodes the five predefined entities and character references; anything else stays as written
 * (the reader refuses such text before it gets here: see checkReferences).
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_REFERENCE, (reference, body: string) => {
    if (!body.startsWith('#')) return PREDEFINED_ENTITIES[body] ?? reference;
    const codePoint =
      body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : reference;
  });
}

/*
 * The scans below also enforce the Char production on what they read (xml-chars.ts): one test
 * per code unit in loops that look at each code unit anyway, with the rare cases (controls, the
 * high ranges) behind a single comparison.
 */

/**
 * Character data between `start` and `end` of `document`: CR LF and lone CR read as LF (the
 * XML end-of-line rule), then entities decoded. A `&` that starts no reference, and a character
 * XML does not allow, are refused.
 */
export function readCharacterData(document: string, start: number, end: number): string {
  let ampersand = -1;
  let carriageReturn = false;
  for (let index = start; index < end; index++) {
    const code = document.charCodeAt(index);
    if (code < 0x27) {
      if (code === 0x26 /* & */) {
        if (ampersand === -1) ampersand = index - start;
      } else if (code === 0x0d) carriageReturn = true;
      else if (code < 0x20 && code !== 0x0a && code !== 0x09) throw forbiddenCharacter(index);
    } else if (code >= 0xd800) index = checkHighCodeUnit(document, index, end);
  }
  let raw = document.slice(start, end);
  if (ampersand !== -1) checkReferences(raw, ampersand, start);
  if (carriageReturn) raw = raw.replace(/\r\n?/g, '\n');
  return ampersand === -1 ? raw : decodeEntities(raw);
}

/** Checks character data like readCharacterData, without making its string (deferred elements). */
export function checkCharacterData(document: string, start: number, end: number): void {
  let ampersand = -1;
  for (let index = start; index < end; index++) {
    const code = document.charCodeAt(index);
    if (code < 0x27) {
      if (code === 0x26 /* & */) {
        if (ampersand === -1) ampersand = index;
      } else if (code < 0x20 && code !== 0x0a && code !== 0x09 && code !== 0x0d)
        throw forbiddenCharacter(index);
    } else if (code >= 0xd800) index = checkHighCodeUnit(document, index, end);
  }
  if (ampersand !== -1) checkReferences(document.slice(start, end), ampersand - start, start);
}

/** Checks an attribute value like readAttributeValue, without making its string. */
export function checkAttributeValue(document: string, start: number, end: number): void {
  let ampersand = -1;
  for (let index = start; index < end; index++) {
    const code = document.charCodeAt(index);
    if (code < 0x3d) {
      if (code === 0x3c /* < */) throw new XmlSyntaxError('InvalidAttr', "'<' in an attribute value", index);
      if (code === 0x26 /* & */) {
        if (ampersand === -1) ampersand = index;
      } else if (code < 0x20 && code !== 0x0a && code !== 0x09 && code !== 0x0d)
        throw forbiddenCharacter(index);
    } else if (code >= 0xd800) index = checkHighCodeUnit(document, index, end);
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
    if (code < 0x3d) {
      if (code === 0x3c /* < */) throw new XmlSyntaxError('InvalidAttr', "'<' in an attribute value", index);
      if (code === 0x26 /* & */) {
        if (ampersand === -1) ampersand = index - start;
      } else if (code < 0x20) {
        if (code === 0x09 || code === 0x0a || code === 0x0d) needsNormalising = true;
        else throw forbiddenCharacter(index);
      }
    } else if (code >= 0xd800) index = checkHighCodeUnit(document, index, end);
  }
  let raw = document.slice(start, end);
  if (ampersand !== -1) checkReferences(raw, ampersand, start);
  if (needsNormalising) raw = raw.replace(/\r\n?|[\t\n]/g, ' ');
  return ampersand === -1 ? raw : decodeEntities(raw);
}

/**
 * Checks the code unit at `index` (at least U+D800) of a range ending at `end`: a high surrogate
 * followed by a low one is an astral character (returns the index of the low one); a lone
 * surrogate, U+FFFE and U+FFFF are refused; anything else returns `index`.
 */
export function checkHighCodeUnit(document: string, index: number, end: number): number {
  const code = document.charCodeAt(index);
  if (code < 0xe000) {
    if (code <= 0xdbff && index + 1 < end) {
      const next = document.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return index + 1;
    }
    throw forbiddenCharacter(index);
  }
  if (code >= 0xfffe) throw forbiddenCharacter(index);
  return index;
}

/** Checks every code unit of `start`…`end` (comments, CDATA, processing instructions). */
export function checkCharacters(document: string, start: number, end: number): void {
  for (let index = start; index < end; index++) {
    const code = document.charCodeAt(index);
    if (code < 0x20) {
      if (code !== 0x0a && code !== 0x09 && code !== 0x0d) throw forbiddenCharacter(index);
    } else if (code >= 0xd800) index = checkHighCodeUnit(document, index, end);
  }
}

function forbiddenCharacter(offset: number): XmlSyntaxError {
  return new XmlSyntaxError('InvalidChar', 'a character XML 1.0 does not allow', offset);
}

const MALFORMED = 0;
const WELL_FORMED = 1;
const FORBIDDEN_CHARACTER = 2;
const UNDECLARED_ENTITY = 3;
type ReferenceCheck =
  | typeof MALFORMED
  | typeof WELL_FORMED
  | typeof FORBIDDEN_CHARACTER
  | typeof UNDECLARED_ENTITY;

const REFERENCE_FAULTS: Readonly<Record<number, string>> = {
  [MALFORMED]: "'&' that starts no entity or character reference",
  [FORBIDDEN_CHARACTER]: 'a character reference to a character XML 1.0 does not allow',
  [UNDECLARED_ENTITY]:
    'a reference to an undeclared entity (without a DTD only lt, gt, amp, quot and apos exist)',
};

/**
 * Throws for the first `&` (from `first` on) that does not start a well-formed reference to
 * something XML allows: a character of the Char production, or one of the five predefined
 * entities (a document without a DTD declares no other).
 */
function checkReferences(raw: string, first: number, offset: number): void {
  for (let index = first; index !== -1; index = raw.indexOf('&', index + 1)) {
    const check = checkReference(raw, index + 1);
    if (check !== WELL_FORMED) {
      throw new XmlSyntaxError('InvalidChar', REFERENCE_FAULTS[check] as string, offset + index);
    }
  }
}

/** What `raw` from `start` (just after `&`) is: `#digits;`, `#xhex;`, `name;` or none of them. */
function checkReference(raw: string, start: number): ReferenceCheck {
  let index = start;
  if (raw.charCodeAt(index) === 0x23 /* # */) {
    index++;
    const hex = raw.charCodeAt(index) === 0x78; /* x */
    if (hex) index++;
    const digitsStart = index;
    let codePoint = 0;
    for (; index < raw.length; index++) {
      const code = raw.charCodeAt(index);
      let digit: number;
      if (isDigit(code)) digit = code - 0x30;
      else if (hex && isHexDigit(code)) digit = (code | 0x20) - 0x61 + 10;
      else break;
      // Past U+10FFFF the value no longer matters (and must not overflow into a valid one).
      if (codePoint <= 0x10ffff) codePoint = codePoint * (hex ? 16 : 10) + digit;
    }
    if (index === digitsStart || raw.charCodeAt(index) !== 0x3b /* ; */) return MALFORMED;
    return isXmlChar(codePoint) ? WELL_FORMED : FORBIDDEN_CHARACTER;
  }
  if (!isNameStartChar(raw.charCodeAt(index))) return MALFORMED;
  index++;
  while (index < raw.length && isNameChar(raw.charCodeAt(index))) index++;
  if (raw.charCodeAt(index) !== 0x3b /* ; */) return MALFORMED;
  return isPredefinedEntity(raw, start, index) ? WELL_FORMED : UNDECLARED_ENTITY;
}

const PREDEFINED_NAMES: readonly string[] = Object.keys(PREDEFINED_ENTITIES);

/** Whether `raw` from `start` to `end` is `lt`, `gt`, `amp`, `quot` or `apos` (no slice made). */
function isPredefinedEntity(raw: string, start: number, end: number): boolean {
  for (const name of PREDEFINED_NAMES) {
    if (name.length === end - start && raw.startsWith(name, start)) return true;
  }
  return false;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}
