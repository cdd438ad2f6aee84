import { EwsInvalidArgumentError } from '../errors/error-classes.js';

/**
 * XML writing for requests: escaping and a tiny element builder. No pretty printing (whitespace
 * between elements is noise on the wire) and no reordering (EWS sequences are order-sensitive,
 * so the caller's order is the wire order).
 *
 * Characters XML 1.0 cannot carry (C0 controls other than TAB/LF/CR, lone surrogates,
 * U+FFFE/U+FFFF) are REFUSED with EwsInvalidArgumentError, not stripped: silently changing a
 * subject or body would corrupt user data, and Exchange would reject the request anyway.
 * Callers that prefer to drop them can use `stripInvalidXmlChars` explicitly.
 */

// Anything outside XML 1.0's Char production. The `u` flag makes a valid surrogate pair one
// code point, so only lone surrogates match the surrogate range.
const INVALID_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// A prefixed or unprefixed XML name, restricted to the ASCII subset EWS uses.
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?$/;

// Text: `>` is escaped too so `]]>` can never appear; CR is kept as a reference because a
// parser would otherwise normalize CRLF to LF.
const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
};
// Attributes: quotes, and TAB/LF/CR, which attribute-value normalization would turn into spaces.
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
};
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTRIBUTE_SPECIALS = /[&<>"'\t\n\r]/g;
// Fast paths (the bulk CreateItem/UpdateItem path writes tens of values per item): a value with
// nothing to escape and no character outside plain BMP text is returned as is. Anything else, a
// surrogate pair included, takes the full check below.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the fast path must see every control character
const PLAIN_TEXT = /^[^&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\r\uD800-\uDFFF\uFFFE\uFFFF]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the fast path must see every control character
const PLAIN_ATTRIBUTE = /^[^&<>"'\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]*$/;

// A quick screen without the `u` flag: a value none of whose UTF-16 units is a control, a
// surrogate or U+FFFE/U+FFFF holds no character XML 1.0 refuses, so the exact check below (which
// tells a valid surrogate pair from a lone surrogate) runs only for values that have one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the screen must see every control character
const MAYBE_INVALID_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

function assertXmlChars(value: string, what: string, of?: string): void {
  if (!MAYBE_INVALID_XML_CHAR.test(value)) return;
  const match = INVALID_XML_CHAR.exec(value);
  if (match) {
    const codePoint = match[0].codePointAt(0) ?? 0;
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
    // The value itself is not quoted: it may be a subject, a body or a secret.
    throw new EwsInvalidArgumentError(
      `${of === undefined ? what : `${what} of ${of}`} contains U+${hex} at index ${match.index}, which XML 1.0 cannot represent`,
    );
  }
}

/** Removes every character XML 1.0 cannot represent. Use only when losing them is acceptable. */
export function stripInvalidXmlChars(value: string): string {
  return value.replace(INVALID_XML_CHARS, '');
}

/** The XML declaration @ews puts in front of every document it sends. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** Escapes character data. Throws EwsInvalidArgumentError for characters XML 1.0 cannot carry. */
export function escapeText(value: string, what = 'Text'): string {
  if (PLAIN_TEXT.test(value)) return value;
  return escapeSlowText(value, what);
}

// Past the fast path; `of` names the element, put into a refusal's message only when there is one.
function escapeSlowText(value: string, what: string, of?: string): string {
  assertXmlChars(value, what, of);
  return value.replace(TEXT_SPECIALS, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Escapes a value for a double- or single-quoted attribute. Same refusal rule as escapeText. */
export function escapeAttribute(value: string, what = 'Attribute value'): string {
  if (PLAIN_ATTRIBUTE.test(value)) return value;
  return escapeSlowAttribute(value, what);
}

function escapeSlowAttribute(value: string, what: string, of?: string): string {
  assertXmlChars(value, what, of);
  return value.replace(ATTRIBUTE_SPECIALS, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

const fragmentBrand: unique symbol = Symbol('@ews/core.XmlFragment');

/** Serialized, trusted XML. Only `el` and `raw` make one, so plain strings are always escaped. */
export interface XmlFragment {
  readonly [fragmentBrand]: true;
  readonly xml: string;
}

/** A scalar written as text or attribute value; booleans become `true`/`false` (xs:boolean). */
export type XmlScalar = string | number | boolean | bigint;

/** Attribute values; `undefined`/`null` omit the attribute. Insertion order is wire order. */
export type XmlAttributes = Readonly<Record<string, XmlScalar | null | undefined>>;

/**
 * A child: a fragment (inserted as is), a scalar (escaped text; `false` is written as "false"),
 * nothing (`null`/`undefined`, e.g. `cond ? x : undefined`), or an array of children.
 */
export type XmlChild = XmlFragment | XmlScalar | null | undefined | readonly XmlChild[];

/**
 * A fragment refuses to become a string: one dropped into a template literal, a `+` or a
 * `join('')` would otherwise go on the wire as "[object Object]" without an error. Read `.xml`,
 * or pass the fragment to `el`/`fragments`.
 */
class Fragment implements XmlFragment {
  declare readonly [fragmentBrand]: true;
  constructor(readonly xml: string) {}
  toString(): never {
    throw new EwsInvalidArgumentError(
      'An XmlFragment was used as a string: pass it to el()/fragments() as a child, or read its .xml',
    );
  }
}
Object.defineProperty(Fragment.prototype, fragmentBrand, { value: true });

function fragment(xml: string): XmlFragment {
  return new Fragment(xml);
}

/** True for values made by `el` or `raw`. */
export function isXmlFragment(value: unknown): value is XmlFragment {
  return typeof value === 'object' && value !== null && fragmentBrand in value;
}

/**
 * Wraps XML the caller already serialized (e.g. an operation body built elsewhere). It is not
 * checked or escaped: never pass user input here.
 */
export function raw(xml: string): XmlFragment {
  return fragment(xml);
}

function scalarToString(value: XmlScalar): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new EwsInvalidArgumentError(`Cannot write the number ${value} as XML`);
  }
  return String(value);
}

// Names already checked. Requests use a few hundred distinct names, so a bounded memo of a pure
// check saves a regex per element; past the bound, names are simply checked each time.
const CHECKED_NAMES = new Set<string>();
const CHECKED_NAMES_MAX = 4096;

function assertName(name: string): void {
  if (CHECKED_NAMES.has(name)) return;
  if (!XML_NAME.test(name)) {
    throw new EwsInvalidArgumentError(`Invalid XML name: ${JSON.stringify(name.slice(0, 80))}`);
  }
  if (CHECKED_NAMES.size < CHECKED_NAMES_MAX) CHECKED_NAMES.add(name);
}

/**
 * The text children write, or undefined when there is nothing at all (the element self-closes;
 * an empty string or an empty fragment is content). One string is built per element, no
 * intermediate objects: every request element goes through here.
 */
function childText(children: XmlChild, parent: string): string | undefined {
  if (children === null || children === undefined) return undefined;
  if (children instanceof Fragment) return children.xml;
  if (Array.isArray(children)) {
    let text: string | undefined;
    for (const child of children as readonly XmlChild[]) {
      const written = childText(child, parent);
      if (written !== undefined) text = text === undefined ? written : text + written;
    }
    return text;
  }
  const value = scalarToString(children as XmlScalar);
  // The message is built only for a refusal.
  return PLAIN_TEXT.test(value) ? value : escapeSlowText(value, 'Text', parent);
}

const NO_ATTRIBUTES: XmlAttributes = Object.freeze({});

/**
 * Builds one element: `el('t:ItemId', { Id, ChangeKey })`, `el('m:GetFolder', {}, [shape, ids])`,
 * `el('t:Subject', {}, subject)`. Attributes keep insertion order, children keep array order.
 * An element without content is written self-closing.
 */
export function el(
  name: string,
  attributes: XmlAttributes = NO_ATTRIBUTES,
  children?: XmlChild,
): XmlFragment {
  assertName(name);
  let open = `<${name}`;
  for (const attribute in attributes) {
    if (!Object.hasOwn(attributes, attribute)) continue;
    const value = attributes[attribute];
    if (value === undefined || value === null) continue;
    assertName(attribute);
    const text = scalarToString(value);
    const escaped = PLAIN_ATTRIBUTE.test(text)
      ? text
      : escapeSlowAttribute(text, `Attribute ${attribute}`, name);
    open += ` ${attribute}="${escaped}"`;
  }
  const content = childText(children, name);
  if (content === undefined) return new Fragment(`${open}/>`);
  return new Fragment(`${open}>${content}</${name}>`);
}

/** Concatenates children (same rules as `el`) without a wrapping element. */
export function fragments(children: XmlChild): XmlFragment {
  return new Fragment(childText(children, 'a fragment') ?? '');
}
