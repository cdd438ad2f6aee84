import { DEFAULT_READER_LIMITS } from '@ews/core';
import { protocolError } from '../errors.js';
import { ATTRIBUTE_PREFIX, CHILD_ORDER, TEXT_KEY, type XmlElement } from '../kinds/xml-node.js';
import { decodeXmlText } from './xml-text.js';

/*
 * A single-pass reader for the XML EWS exchanges, producing the node shape of kinds/xml-node.ts
 * (the shape fast-xml-parser gives with the options this package used to pin;
 * test/response-parsing-xml-parser.test.ts
 * compares the two on every fixture). Written for speed: a FindItem page of 1,000 calendar
 * items parses several times faster than with a general-purpose parser.
 *
 * Kept from XML: no value coercion (`007` stays a string), whitespace kept, CR LF / CR read as LF
 * (XML end-of-line rule, so `&#13;` is the only way to carry a CR), the five predefined entities
 * and numeric character references decoded, CDATA as text, comments / PIs / the declaration
 * skipped, namespace prefixes dropped, xmlns attributes dropped. A DOCTYPE is refused, so no
 * entity is ever declared or expanded. Mismatched, unclosed or malformed tags are refused, and
 * so is nesting deeper than core's ReaderLimits.maxDepth (the stack is its own, no recursion).
 *
 * Answers from a server are read by @ews/core's reader (namespaces, characters and sizes checked)
 * and reach the models through fromCoreNode; this reader serves XML the caller holds (fromXml
 * with a string, attached items built by toXml).
 */

// A DOCTYPE can only appear in the prolog: before it only the XML declaration, comments,
// processing instructions and whitespace.
const DOCTYPE_IN_PROLOG = /^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<!DOCTYPE/i;
// Names that would reach Object.prototype through a plain object's keys.
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const NAME_START = /^[A-Za-z_:\u00C0-\uFFFF]/;

interface Frame {
  readonly qname: string;
  readonly local: string;
  node: Record<string, unknown> | undefined;
  text: string;
  /** The name of the last child element added (to notice a name coming back after another). */
  last: string | undefined;
  /** Child element names in document order; only kept once grouping by name would lose it. */
  order: string[] | undefined;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

function checkName(key: string): void {
  if (FORBIDDEN_NAMES.has(key)) throw protocolError(`the element name '${key}' is refused`);
}

/**
 * The child names so far, in document order, for a node whose every name has been contiguous
 * until now: then document order is each key's run, in key insertion order.
 */
function orderSoFar(node: Record<string, unknown>): string[] {
  const order: string[] = [];
  for (const key in node) {
    if (key === TEXT_KEY || key.startsWith(ATTRIBUTE_PREFIX)) continue;
    const value = node[key];
    const count = Array.isArray(value) ? value.length : 1;
    for (let i = 0; i < count; i++) order.push(key);
  }
  return order;
}

/**
 * Adds a child under its name (a repeated name becomes an array). Grouping by name loses
 * document order only when a name comes back after another one (Message, CalendarItem,
 * Message); from that point the frame records the order, which close() attaches to the node.
 */
function addChild(frame: Frame, key: string, value: unknown): void {
  checkName(key);
  frame.node ??= {};
  const parent = frame.node;
  const existing = parent[key];
  // A function is Object.prototype's (`toString`…), not a child read before.
  if (existing === undefined || typeof existing === 'function') parent[key] = value;
  else {
    if (frame.order === undefined && frame.last !== key) frame.order = orderSoFar(parent);
    if (Array.isArray(existing)) existing.push(value);
    else parent[key] = [existing, value];
  }
  frame.order?.push(key);
  frame.last = key;
}

function fail(message: string, position: number): never {
  throw protocolError(`not well-formed XML: ${message} at offset ${position}`);
}

/** Reads the attributes of a start tag from `pos`; returns the index of its `>`. */
function readAttributes(text: string, pos: number, frame: Frame): number {
  const length = text.length;
  let seen: Set<string> | undefined;
  for (;;) {
    while (pos < length && isSpace(text.charCodeAt(pos))) pos++;
    const code = text.charCodeAt(pos);
    if (code === 0x3e /* > */ || code === 0x2f /* / */) return pos;
    if (pos >= length) fail('unterminated start tag', pos);
    const equals = text.indexOf('=', pos);
    if (equals === -1) fail('attribute without a value', pos);
    const name = text.slice(pos, equals).trimEnd();
    if (name === '' || !NAME_START.test(name) || /[\s/<>"']/.test(name))
      fail('attribute without a value', pos);
    let quotePos = equals + 1;
    while (quotePos < length && isSpace(text.charCodeAt(quotePos))) quotePos++;
    const quote = text.charCodeAt(quotePos);
    if (quote !== 0x22 && quote !== 0x27) fail('unquoted attribute value', quotePos);
    const end = text.indexOf(quote === 0x22 ? '"' : "'", quotePos + 1);
    if (end === -1) fail('unterminated attribute value', quotePos);
    pos = end + 1;
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const key = ATTRIBUTE_PREFIX + localName(name);
    seen ??= new Set();
    if (seen.has(key)) fail(`repeated attribute '${name}'`, quotePos);
    seen.add(key);
    frame.node ??= {};
    frame.node[key] = decodeXmlText(text.slice(quotePos + 1, end));
  }
}

/** Ends an element: text-only elements become their text, the others an object. */
function close(frame: Frame): unknown {
  if (frame.node === undefined) return frame.text;
  if (frame.text !== '') frame.node[TEXT_KEY] = frame.text;
  // Not enumerable, so the node keeps fast-xml-parser's shape for every other reader.
  if (frame.order !== undefined) Object.defineProperty(frame.node, CHILD_ORDER, { value: frame.order });
  return frame.node;
}

/** Adds a finished element to its parent (the innermost open element, or the document). */
function attach(document: Record<string, unknown>, stack: readonly Frame[], frame: Frame): void {
  const parent = stack[stack.length - 1];
  if (parent === undefined) {
    checkName(frame.local);
    document[frame.local] = close(frame);
    return;
  }
  addChild(parent, frame.local, close(frame));
}

/** Parses an XML document into the node shape described in kinds/xml-node.ts. */
export function parseXml(text: string): XmlElement {
  if (typeof text !== 'string') throw protocolError('not an XML document');
  if (DOCTYPE_IN_PROLOG.test(text)) throw protocolError('XML with a DOCTYPE is refused (entity expansion)');
  const document: Record<string, unknown> = {};
  const stack: Frame[] = [];
  const length = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let sawRoot = false;
  while (pos < length) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt === -1 ? length : lt;
    if (textEnd > pos) {
      const top = stack[stack.length - 1];
      if (top !== undefined) top.text += decodeXmlText(text.slice(pos, textEnd));
      else if (!sawRoot && text.slice(pos, textEnd).trim() !== '') fail('text before the root element', pos);
    }
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const gt = text.indexOf('>', lt);
      if (gt === -1) fail('unterminated end tag', lt);
      const qname = text.slice(lt + 2, gt).trimEnd();
      const frame = stack.pop();
      if (frame === undefined || frame.qname !== qname) fail(`unexpected end tag '${qname}'`, lt);
      attach(document, stack, frame);
      pos = gt + 1;
    } else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end === -1) fail('unterminated comment', lt);
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1) fail('unterminated CDATA section', lt);
        const top = stack[stack.length - 1];
        if (top === undefined) fail('CDATA outside the root element', lt);
        top.text += text.slice(lt + 9, end).replace(/\r\n?/g, '\n');
        pos = end + 3;
      } else fail('unexpected markup declaration', lt);
    } else if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) fail('unterminated processing instruction', lt);
      pos = end + 2;
    } else {
      let nameEnd = lt + 1;
      while (nameEnd < length) {
        const code = text.charCodeAt(nameEnd);
        if (isSpace(code) || code === 0x3e || code === 0x2f) break;
        nameEnd++;
      }
      const qname = text.slice(lt + 1, nameEnd);
      if (!NAME_START.test(qname) || qname.includes('<')) fail(`invalid tag name '${qname}'`, lt);
      const frame: Frame = {
        qname,
        local: localName(qname),
        node: undefined,
        text: '',
        last: undefined,
        order: undefined,
      };
      const end = readAttributes(text, nameEnd, frame);
      if (stack.length === 0 && sawRoot) fail('a second root element', lt);
      if (stack.length >= DEFAULT_READER_LIMITS.maxDepth)
        fail(`elements nested deeper than ${DEFAULT_READER_LIMITS.maxDepth} levels`, lt);
      sawRoot = true;
      if (text.charCodeAt(end) === 0x2f) {
        if (text.charCodeAt(end + 1) !== 0x3e) fail('expected > after /', end);
        attach(document, stack, frame);
        pos = end + 2;
      } else {
        stack.push(frame);
        pos = end + 1;
      }
    }
  }
  if (stack.length > 0) fail(`unclosed tag '${stack[stack.length - 1]!.qname}'`, length);
  if (!sawRoot) throw protocolError('not well-formed XML: no root element');
  return document as XmlElement;
}
