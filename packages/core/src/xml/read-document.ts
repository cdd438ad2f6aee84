import {
  checkAttributeValue,
  checkCharacterData,
  readAttributeValue,
  readCharacterData,
} from './entities.js';
import { nameTableSlots, XmlNameTable } from './xml-name-table.js';
import { isNameChar, isNameStartChar } from './xml-names.js';
import type { XmlNode } from './xml-node.js';
import { XmlSyntaxError } from './xml-syntax-error.js';

/*
 * A single-pass, order-preserving XML reader producing XmlNode trees, and checking
 * well-formedness as it goes (no separate validation pass): names, attribute syntax, duplicate
 * attributes, `&` that starts no reference, start and end tags that match, a single root, no
 * text outside it. DOCTYPE and ENTITY declarations are refused, so no entity is ever declared
 * or expanded. test/xml/differential.test.ts compares it with fast-xml-parser on every XML
 * fixture in the repository (docs/decisions/0003-own-xml-reader.md says why we read ourselves).
 *
 * Written for speed and few allocations: repeated names are interned per document (one string
 * per distinct name, not per element; per stream with a shared XmlNameTable), open-element
 * frames are reused by depth, child lists are allocated once at their exact size, and elements
 * without attributes or children share one frozen empty object and array.
 */

const EMPTY_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze(Object.create(null));
const EMPTY_CHILDREN: readonly XmlNode[] = Object.freeze([]);
// Names that would reach Object.prototype when a reader turns elements into object keys
// (fast-xml-parser refuses the same three).
const REFUSED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const MANY_ATTRIBUTES = 16;

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/** An element whose end tag has not been read yet; reused for the next element at its depth. */
interface OpenElement {
  qname: string;
  name: string;
  attributes: Readonly<Record<string, string>>;
  /** Where this element's children begin in the reader's pending list. */
  firstChild: number;
  text: string;
  start: number;
}

/**
 * The children of a deferred element: their source ranges (start and end offsets, pairs) in
 * `document`, checked for well-formedness on the first pass and built one at a time on demand.
 * Shared by every deferred element of one document, with one reader for building them.
 */
export interface DeferredChildren {
  readonly source: DeferredSource;
  /** `[start0, end0, start1, end1, …]`, in document order. */
  readonly ranges: readonly number[];
}

export interface DeferredSource {
  readonly document: string;
  /** Created on the first build, reused for every later one (its name table too). */
  reader: DocumentReader | undefined;
}

export interface ReadDocumentOptions {
  /** Local names of elements whose children are only checked on the first pass, not built. */
  readonly deferChildrenOf?: ReadonlySet<string> | undefined;
  /** Makes the node of a deferred element (required with deferChildrenOf). */
  readonly makeDeferred?: ((element: DeferredElement, children: DeferredChildren) => XmlNode) | undefined;
  /** Names already read (shared by the documents of one stream); a fresh table when absent. */
  readonly names?: XmlNameTable | undefined;
}

/** A deferred element's own parts: name, attributes and text (its children come as ranges). */
export interface DeferredElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface ReadDocumentResult {
  /** The first top-level element, if any. */
  readonly root: XmlNode | undefined;
  /** How many top-level elements the document has (well-formed XML has exactly one). */
  readonly rootCount: number;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/**
 * Reads `document` (BOM and leading whitespace already removed). Throws XmlSyntaxError for
 * anything that is not well-formed, DeclarationRefusedError for a DOCTYPE or ENTITY.
 */
export function readDocument(document: string, options: ReadDocumentOptions = {}): ReadDocumentResult {
  return new DocumentReader(document, options).read(0, document.length);
}

/** Builds the element at `start`…`end` of a deferred source (already checked when it was read). */
export function readDeferredElement(source: DeferredSource, start: number, end: number): XmlNode {
  source.reader ??= new DocumentReader(source.document, {});
  const { root } = source.reader.read(start, end);
  return root as XmlNode;
}

/** A DOCTYPE or ENTITY declaration: refused before anything could be declared. */
export class DeclarationRefusedError extends Error {
  readonly declaration: 'DOCTYPE' | 'ENTITY';

  constructor(declaration: 'DOCTYPE' | 'ENTITY') {
    super(`XML ${declaration} declarations are not accepted`);
    this.name = 'DeclarationRefusedError';
    this.declaration = declaration;
  }
}

export class DocumentReader {
  readonly #document: string;
  readonly #deferChildrenOf: ReadonlySet<string> | undefined;
  readonly #makeDeferred: ReadDocumentOptions['makeDeferred'];
  // While a deferred element is open: its depth (its children open at this depth), the ranges
  // recorded so far, and the shared source; 0 when none is open. Inside it nothing is built.
  #deferDepth = 0;
  #ranges: number[] = [];
  #childStart = 0;
  #source: DeferredSource | undefined;
  readonly #open: OpenElement[] = [];
  // Finished children of the open elements, innermost last: an element's children are copied out
  // in one exact-size array when it closes (no array growing child by child).
  readonly #pending: XmlNode[] = [];
  #depth = 0;
  #root: XmlNode | undefined;
  #rootCount = 0;
  // Interned names: slot by hash, the qualified name and its local name.
  readonly #qnames: (string | undefined)[];
  readonly #locals: (string | undefined)[];
  // A shared table outlives this document: its names must not be slices of the document text.
  readonly #copyNames: boolean;
  // The name just read by #readName.
  #qname = '';
  #local = '';
  // Attribute qualified names seen in the current start tag (duplicates are refused): a short
  // list for the usual handful, a set once a tag has many (no quadratic check on hostile input).
  readonly #seen: string[] = [];

  constructor(document: string, options: ReadDocumentOptions) {
    this.#document = document;
    this.#deferChildrenOf = options.deferChildrenOf?.size ? options.deferChildrenOf : undefined;
    this.#makeDeferred = options.makeDeferred;
    this.#copyNames = options.names !== undefined;
    const names = nameTableSlots(options.names ?? new XmlNameTable());
    this.#qnames = names.qnames;
    this.#locals = names.locals;
  }

  /** Reads `start`…`end` of the document as a document of its own (the reader is reusable). */
  read(start: number, end: number): ReadDocumentResult {
    const document = this.#document;
    this.#root = undefined;
    this.#rootCount = 0;
    this.#depth = 0;
    this.#deferDepth = 0;
    this.#pending.length = 0;
    let pos = start;
    while (pos < end) {
      let lt = document.indexOf('<', pos);
      if (lt >= end) lt = -1;
      const textEnd = lt === -1 ? end : lt;
      if (textEnd > pos) this.#text(pos, textEnd);
      if (lt === -1) break;
      const next = document.charCodeAt(lt + 1);
      if (next === SLASH) pos = this.#endTag(lt);
      else if (next === BANG) pos = this.#markupDeclaration(lt);
      else if (next === QUESTION) pos = this.#processingInstruction(lt);
      else pos = this.#startTag(lt);
    }
    if (this.#depth > 0) {
      const unclosed = this.#open[this.#depth - 1] as OpenElement;
      throw new XmlSyntaxError('InvalidTag', 'an element is not closed', unclosed.start);
    }
    return { root: this.#root, rootCount: this.#rootCount };
  }

  /** Character data: the open element's text, or whitespace between top-level markup. */
  #text(start: number, end: number): void {
    if (this.#depth > 0) {
      if (this.#deferDepth !== 0 && this.#depth > this.#deferDepth) {
        checkCharacterData(this.#document, start, end);
        return;
      }
      const element = this.#open[this.#depth - 1] as OpenElement;
      const text = readCharacterData(this.#document, start, end);
      element.text = element.text === '' ? text : element.text + text;
      return;
    }
    for (let index = start; index < end; index++) {
      if (!isSpace(this.#document.charCodeAt(index))) {
        const kind = this.#rootCount > 0 ? 'InvalidXml' : 'InvalidChar';
        throw new XmlSyntaxError(kind, 'text outside the root element', index);
      }
    }
  }

  /** `<name attributes>` or `<name attributes/>`; returns the position after it. */
  #startTag(lt: number): number {
    const document = this.#document;
    let pos = this.#readName(lt + 1, 'InvalidTag');
    const qname = this.#qname;
    const name = this.#local;
    if (REFUSED_NAMES.has(name)) throw new XmlSyntaxError('InvalidTag', 'a refused element name', lt + 1);
    let attributes = EMPTY_ATTRIBUTES;
    let mutable: Record<string, string> | undefined;
    const seen = this.#seen;
    seen.length = 0;
    let manySeen: Set<string> | undefined;
    const deferring = this.#deferDepth !== 0;
    for (;;) {
      const spaceStart = pos;
      let code = document.charCodeAt(pos);
      while (isSpace(code)) code = document.charCodeAt(++pos);
      if (code === GT || code === SLASH) break;
      if (pos >= document.length) throw new XmlSyntaxError('InvalidTag', 'a start tag is not closed', lt);
      if (pos === spaceStart) throw new XmlSyntaxError('InvalidAttr', 'no space before an attribute', pos);
      const nameStart = pos;
      pos = this.#readName(pos, 'InvalidAttr');
      const attributeQname = this.#qname;
      code = document.charCodeAt(pos);
      while (isSpace(code)) code = document.charCodeAt(++pos);
      if (code !== EQUALS) throw new XmlSyntaxError('InvalidAttr', 'an attribute without a value', nameStart);
      code = document.charCodeAt(++pos);
      while (isSpace(code)) code = document.charCodeAt(++pos);
      if (code !== DOUBLE_QUOTE && code !== SINGLE_QUOTE)
        throw new XmlSyntaxError('InvalidAttr', 'an attribute value without quotes', pos);
      const valueEnd = document.indexOf(code === DOUBLE_QUOTE ? '"' : "'", pos + 1);
      if (valueEnd === -1) throw new XmlSyntaxError('InvalidAttr', 'an attribute value is not closed', pos);
      if (manySeen === undefined && seen.length === MANY_ATTRIBUTES) manySeen = new Set(seen);
      if (manySeen === undefined ? seen.includes(attributeQname) : manySeen.has(attributeQname))
        throw new XmlSyntaxError('InvalidAttr', 'a repeated attribute', nameStart);
      if (manySeen === undefined) seen.push(attributeQname);
      else manySeen.add(attributeQname);
      if (deferring) {
        checkAttributeValue(document, pos + 1, valueEnd);
        pos = valueEnd + 1;
        if (REFUSED_NAMES.has(this.#local) && !attributeQname.startsWith('xmlns'))
          throw new XmlSyntaxError('InvalidAttr', 'a refused attribute name', nameStart);
        continue;
      }
      const value = readAttributeValue(document, pos + 1, valueEnd);
      pos = valueEnd + 1;
      // Namespace declarations are not attributes of the element.
      if (attributeQname === 'xmlns' || attributeQname.startsWith('xmlns:')) continue;
      const attributeName = this.#local;
      if (REFUSED_NAMES.has(attributeName))
        throw new XmlSyntaxError('InvalidAttr', 'a refused attribute name', nameStart);
      if (mutable === undefined) {
        mutable = Object.create(null) as Record<string, string>;
        attributes = mutable;
      }
      mutable[attributeName] = value;
    }
    if (this.#depth === 0) {
      this.#rootCount++;
    }
    if (document.charCodeAt(pos) === SLASH) {
      if (document.charCodeAt(pos + 1) !== GT)
        throw new XmlSyntaxError('InvalidTag', "'/' not followed by '>'", pos);
      if (deferring) {
        if (this.#depth === this.#deferDepth) this.#ranges.push(lt, pos + 2);
      } else if (this.#deferChildrenOf?.has(name)) {
        this.#attach(this.#deferredNode(name, attributes, '', []));
      } else this.#attach({ name, attributes, children: EMPTY_CHILDREN, text: '' });
      return pos + 2;
    }
    if (deferring) {
      if (this.#depth === this.#deferDepth) this.#childStart = lt;
    } else if (this.#deferChildrenOf?.has(name)) {
      this.#deferDepth = this.#depth + 1;
      this.#ranges = [];
    }
    let element = this.#open[this.#depth];
    if (element === undefined) {
      element = { qname, name, attributes, firstChild: this.#pending.length, text: '', start: lt };
      this.#open.push(element);
    } else {
      element.qname = qname;
      element.name = name;
      element.attributes = attributes;
      element.firstChild = this.#pending.length;
      element.text = '';
      element.start = lt;
    }
    this.#depth++;
    return pos + 1;
  }

  /** `</name>`, which must close the innermost open element. */
  #endTag(lt: number): number {
    const document = this.#document;
    if (this.#depth === 0) throw new XmlSyntaxError('InvalidTag', 'an end tag without a start tag', lt);
    const element = this.#open[this.#depth - 1] as OpenElement;
    const { qname } = element;
    let pos = lt + 2 + qname.length;
    if (!document.startsWith(qname, lt + 2) || isNameChar(document.charCodeAt(pos)))
      throw new XmlSyntaxError('InvalidTag', 'an end tag that does not match its start tag', lt);
    let code = document.charCodeAt(pos);
    while (isSpace(code)) code = document.charCodeAt(++pos);
    if (code !== GT) throw new XmlSyntaxError('InvalidTag', 'an end tag is not closed', lt);
    const deferDepth = this.#deferDepth;
    if (deferDepth !== 0 && this.#depth > deferDepth) {
      // Inside a deferred element: only the end of its direct children is recorded.
      if (this.#depth === deferDepth + 1) this.#ranges.push(this.#childStart, pos + 1);
      this.#depth--;
      return pos + 1;
    }
    this.#depth--;
    if (deferDepth !== 0 && this.#depth + 1 === deferDepth) {
      this.#deferDepth = 0;
      const ranges = this.#ranges;
      const text = ranges.length > 0 && element.text.trim() === '' ? '' : element.text;
      this.#attach(this.#deferredNode(element.name, element.attributes, text, ranges));
      return pos + 1;
    }
    const pending = this.#pending;
    const { firstChild } = element;
    let children: readonly XmlNode[] = EMPTY_CHILDREN;
    if (pending.length > firstChild) {
      children = pending.slice(firstChild);
      pending.length = firstChild;
    }
    // Indentation between child elements is not content.
    const text = children.length > 0 && element.text !== '' && element.text.trim() === '' ? '' : element.text;
    this.#attach({ name: element.name, attributes: element.attributes, children, text });
    return pos + 1;
  }

  /** The node of an element whose children are kept as source ranges. */
  #deferredNode(
    name: string,
    attributes: Readonly<Record<string, string>>,
    text: string,
    ranges: readonly number[],
  ): XmlNode {
    const make = this.#makeDeferred;
    if (make === undefined) throw new TypeError('deferChildrenOf needs makeDeferred');
    this.#source ??= { document: this.#document, reader: undefined };
    return make({ name, attributes, text }, { source: this.#source, ranges });
  }

  /** Adds a finished element to the innermost open element, or makes it a top-level element. */
  #attach(node: XmlNode): void {
    if (this.#depth === 0) {
      this.#root ??= node;
      return;
    }
    this.#pending.push(node);
  }

  /** Comments and CDATA; DOCTYPE and ENTITY are refused, anything else is malformed. */
  #markupDeclaration(lt: number): number {
    const document = this.#document;
    if (document.startsWith('<!--', lt)) {
      const end = document.indexOf('-->', lt + 4);
      if (end === -1) throw new XmlSyntaxError('InvalidXml', 'a comment is not closed', lt);
      return end + 3;
    }
    if (document.startsWith('<![CDATA[', lt)) {
      const end = document.indexOf(']]>', lt + 9);
      if (end === -1) throw new XmlSyntaxError('InvalidXml', 'a CDATA section is not closed', lt);
      if (this.#depth === 0) throw new XmlSyntaxError('InvalidXml', 'CDATA outside the root element', lt);
      if (this.#deferDepth !== 0 && this.#depth > this.#deferDepth) return end + 3;
      const element = this.#open[this.#depth - 1] as OpenElement;
      let content = document.slice(lt + 9, end);
      if (content.includes('\r')) content = content.replace(/\r\n?/g, '\n');
      element.text += content;
      return end + 3;
    }
    const keyword = document.slice(lt + 2, lt + 9).toUpperCase();
    if (keyword.startsWith('DOCTYPE')) throw new DeclarationRefusedError('DOCTYPE');
    if (keyword.startsWith('ENTITY')) throw new DeclarationRefusedError('ENTITY');
    throw new XmlSyntaxError('InvalidTag', "'<!' that starts no comment or CDATA section", lt);
  }

  /** `<?target …?>`, skipped; the XML declaration only at the very start. */
  #processingInstruction(lt: number): number {
    const document = this.#document;
    const end = document.indexOf('?>', lt + 2);
    if (end === -1) throw new XmlSyntaxError('InvalidXml', 'a processing instruction is not closed', lt);
    const afterTarget = document.charCodeAt(lt + 5);
    if (lt > 0 && document.startsWith('xml', lt + 2) && (isSpace(afterTarget) || afterTarget === QUESTION)) {
      throw new XmlSyntaxError('InvalidXml', 'an XML declaration after the start of the document', lt);
    }
    return end + 2;
  }

  /**
   * Reads the name at `start` into #qname / #local (interned: one string per distinct name in
   * the document) and returns the position after it.
   */
  #readName(start: number, kind: 'InvalidTag' | 'InvalidAttr'): number {
    const document = this.#document;
    let code = document.charCodeAt(start);
    if (!isNameStartChar(code)) throw new XmlSyntaxError(kind, 'an invalid name', start);
    let hash = code;
    let pos = start + 1;
    code = document.charCodeAt(pos);
    while (isNameChar(code)) {
      hash = (Math.imul(hash, 31) + code) | 0;
      code = document.charCodeAt(++pos);
    }
    const length = pos - start;
    const slot = (hash ^ (hash >>> 10)) & (XmlNameTable.size - 1);
    const cached = this.#qnames[slot];
    if (cached !== undefined && cached.length === length && document.startsWith(cached, start)) {
      this.#qname = cached;
      this.#local = this.#locals[slot] as string;
      return pos;
    }
    const qname = this.#copyNames ? copyOf(document, start, pos) : document.slice(start, pos);
    const local = localName(qname);
    if (local === undefined)
      throw new XmlSyntaxError(kind, 'a name with an empty prefix or local part, or two colons', start);
    this.#qnames[slot] = qname;
    this.#locals[slot] = local;
    this.#qname = qname;
    this.#local = local;
    return pos;
  }
}

/**
 * `document.slice(start, end)` as a string of its own: V8 makes longer slices views that keep the
 * whole document alive, which a name table shared by a stream's documents must not do.
 */
function copyOf(document: string, start: number, end: number): string {
  let copy = '';
  for (let index = start; index < end; index++) copy += document[index];
  return copy;
}

/**
 * `t:Subject` → `Subject`. Undefined for what Namespaces in XML does not allow (`:a`, `a:`,
 * `a:b:c`), which fast-xml-parser read inconsistently.
 */
function localName(qname: string): string | undefined {
  const colon = qname.indexOf(':');
  if (colon === -1) return qname;
  if (colon === 0 || colon === qname.length - 1 || qname.indexOf(':', colon + 1) !== -1) return undefined;
  return qname.slice(colon + 1);
}
