import {
  ANY_NAMESPACE,
  type CompiledChildRule,
  type CompiledNamespace,
  namespaceOf,
  XmlContentError,
  type XmlContentRules,
} from './content-rules.js';
import {
  checkAttributeValue,
  checkCharacterData,
  checkCharacters,
  checkHighCodeUnit,
  readAttributeValue,
  readCharacterData,
} from './entities.js';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from './reader-limits.js';
import { XmlLimitError } from './xml-limit-error.js';
import { nameTableSlots, XmlNameTable } from './xml-name-table.js';
import { isNameChar, isNameStartChar } from './xml-names.js';
import { expandedName, XML_NAMESPACE, XMLNS_NAMESPACE } from './xml-namespaces.js';
import type { XmlNode } from './xml-node.js';
import { XmlSyntaxError } from './xml-syntax-error.js';

/*
 * A single-pass, order-preserving XML reader producing XmlNode trees, and checking
 * well-formedness as it goes (no separate validation pass): names, attribute syntax, duplicate
 * attributes, `&` that starts no reference, start and end tags that match, a single root, no
 * text outside it, the Char production everywhere, and Namespaces in XML (every prefix declared,
 * declarations scoped to their element). DOCTYPE and ENTITY declarations are refused, so no
 * entity is ever declared or expanded. Everything is bounded by ReaderLimits (depth, name and
 * attribute sizes, attribute counts). test/xml/differential.test.ts compares it with
 * fast-xml-parser on every XML fixture in the repository (docs/decisions/0003-own-xml-reader.md
 * says why we read ourselves).
 *
 * Namespaces: an element in one of the namespaces the caller reads as its own is named by its
 * local name; any other element (and every prefixed attribute) by its expanded name
 * `{uri}local`, so a lookup by local name never finds it. The prefixes in scope are a stack
 * (declarations pushed at their element, dropped at its end), searched innermost first: a
 * handful of entries, with whether each URI is "ours" decided once, when it is declared.
 *
 * Content rules (ReadDocumentOptions.content): each element below the root is checked against
 * the rule its parent's start tag looked up (once per element, kept in its open frame): a foreign
 * child where the rule allows none, a child of a namespace it does not allow, or a named child of
 * the wrong namespace is refused as it is read; below an allowed foreign child nothing is checked.
 * A namespace's rules and bit are looked up once per declaration (kept with the binding), and an
 * element's own rule only when its first child comes (most elements have none), so an element
 * costs a bit test, and one map lookup of its name if it has children.
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

/** Whether `local` is one of REFUSED_NAMES; EWS names start upper-case, so mostly one comparison. */
function isRefusedName(local: string): boolean {
  const first = local.charCodeAt(0);
  return (
    (first === 0x5f /* _ */ || first === 0x63 /* c */ || first === 0x70) /* p */ && REFUSED_NAMES.has(local)
  );
}
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
  namespace: string;
  attributes: Readonly<Record<string, string>>;
  /** Where this element's children begin in the reader's pending list. */
  firstChild: number;
  text: string;
  start: number;
  /** How many namespace bindings were in scope before this element's own declarations. */
  bindings: number;
  /**
   * The content rule for this element's children; undefined when they are not checked, null until
   * its first child needs it (looked up then, from `owner`).
   */
  rule: CompiledChildRule | undefined | null;
  /** With content rules: the rules of this element's namespace (undefined: not checked). */
  owner: CompiledNamespace | undefined;
}

/** A prefixed attribute of the current start tag, resolved once all its declarations are read. */
interface PrefixedAttribute {
  prefix: string;
  local: string;
  value: string;
  offset: number;
}

/**
 * The namespace bindings in scope at some element (later entries win), and that element's depth:
 * what a fragment cut out of a document needs to be read as it would be in place.
 */
export interface NamespaceScope {
  /** Prefixes, '' for the default namespace. */
  readonly prefixes: readonly string[];
  /** Their URIs ('' undeclares the default namespace). */
  readonly uris: readonly string[];
  /** The depth of the element the scope is taken at (0 for a whole document). */
  readonly depth: number;
  /** The names of the open elements, outermost first (only from readOpenScope). */
  readonly path?: readonly string[] | undefined;
  /**
   * The content rule for the children of the element the scope is taken at (undefined: they are
   * not checked). Only used with content rules.
   */
  readonly childRule?: CompiledChildRule | undefined;
}

/**
 * The rule the root of a whole document is read under: it may be anything (its caller checks what
 * it is); its children are held to its own rule.
 */
const ROOT_RULE: CompiledChildRule = Object.freeze({
  foreign: true,
  mask: ANY_NAMESPACE,
  children: undefined,
});

/** The scope of a document on its own: only `xml` is bound. */
export const DOCUMENT_SCOPE: NamespaceScope = Object.freeze({
  prefixes: Object.freeze(['xml']),
  uris: Object.freeze([XML_NAMESPACE]),
  depth: 0,
});

/**
 * The children of a deferred element: their source ranges (start and end offsets, pairs) in
 * `document`, checked for well-formedness on the first pass and built one at a time on demand.
 * Shared by every deferred element of one document, with one reader for building them.
 */
export interface DeferredChildren {
  readonly source: DeferredSource;
  /** `[start0, end0, start1, end1, …]`, in document order. */
  readonly ranges: readonly number[];
  /** The bindings in scope inside the deferred element, for reading its children. */
  readonly scope: NamespaceScope;
}

export interface DeferredSource {
  readonly document: string;
  /** The options of the first pass, for building children the same way. */
  readonly options: ReadDocumentOptions;
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
  /**
   * Namespaces whose elements are named by their local names; undefined reads every element so
   * (whatever its namespace, or none).
   */
  readonly namespaces?: ReadonlySet<string> | undefined;
  /** Bounds; DEFAULT_READER_LIMITS when absent. */
  readonly limits?: ReaderLimits | undefined;
  /** Which elements may hold which, namespace-wise (see content-rules.ts); nothing checked when absent. */
  readonly content?: XmlContentRules | undefined;
}

/** A deferred element's own parts: name, attributes and text (its children come as ranges). */
export interface DeferredElement {
  readonly name: string;
  readonly namespace: string;
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
 * Reads `document` (BOM and leading whitespace already removed) in `scope` (a fragment's place in
 * its document; a document of its own by default). Throws XmlSyntaxError for anything that is not
 * well-formed, XmlLimitError beyond a limit, DeclarationRefusedError for a DOCTYPE or ENTITY.
 */
export function readDocument(
  document: string,
  options: ReadDocumentOptions = {},
  scope: NamespaceScope = DOCUMENT_SCOPE,
): ReadDocumentResult {
  return new DocumentReader(document, options).read(0, document.length, scope);
}

/**
 * The scope inside the innermost element still open at the end of `document`, the start of a
 * document up to and including some start tag (checked as far as it goes, like readDocument).
 */
export function readOpenScope(document: string, options: ReadDocumentOptions = {}): NamespaceScope {
  const reader = new DocumentReader(document, options);
  reader.read(0, document.length, DOCUMENT_SCOPE, true);
  return reader.openScope();
}

/** Builds the element at `start`…`end` of a deferred source (already checked when it was read). */
export function readDeferredElement(
  source: DeferredSource,
  start: number,
  end: number,
  scope: NamespaceScope,
): XmlNode {
  source.reader ??= new DocumentReader(source.document, {
    namespaces: source.options.namespaces,
    limits: source.options.limits,
  });
  const { root } = source.reader.read(start, end, scope);
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
  readonly #options: ReadDocumentOptions;
  readonly #deferChildrenOf: ReadonlySet<string> | undefined;
  readonly #makeDeferred: ReadDocumentOptions['makeDeferred'];
  readonly #ours: ReadonlySet<string> | undefined;
  readonly #limits: ReaderLimits;
  readonly #content: XmlContentRules | undefined;
  // The rule a top-level element is checked against (ROOT_RULE for a document of its own, the
  // parent's for a fragment).
  #topRule: CompiledChildRule | undefined = ROOT_RULE;
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
  // The depth of the element a fragment is read in (0 for a document of its own), and how many
  // levels the depth limit leaves below it.
  #baseDepth = 0;
  #depthRoom = 0;
  #root: XmlNode | undefined;
  #rootCount = 0;
  // Namespace bindings in scope, innermost last; #bindingCount of them are live.
  readonly #bindingPrefixes: string[] = [];
  readonly #bindingUris: string[] = [];
  readonly #bindingOurs: boolean[] = [];
  // With content rules: each binding's namespace rules and bit (see content-rules.ts).
  readonly #bindingRules: CompiledNamespace[] = [];
  // …and those of no namespace (an unprefixed element without a default namespace).
  readonly #noNamespace: CompiledNamespace | undefined;
  #bindingCount = 0;
  // Interned names: slot by hash, the qualified name, its local name and its prefix.
  readonly #qnames: (string | undefined)[];
  readonly #locals: (string | undefined)[];
  readonly #prefixes: (string | undefined)[];
  // A shared table outlives this document: its names must not be slices of the document text.
  readonly #copyNames: boolean;
  // The name just read by #readName.
  #qname = '';
  #local = '';
  #prefix = '';
  // Attribute qualified names seen in the current start tag (duplicates are refused): a short
  // list for the usual handful, a set once a tag has many (no quadratic check on hostile input).
  readonly #seen: string[] = [];
  // The current start tag's prefixed attributes (reused; EWS sends almost none).
  readonly #prefixed: PrefixedAttribute[] = [];
  #prefixedCount = 0;

  constructor(document: string, options: ReadDocumentOptions) {
    this.#document = document;
    this.#options = options;
    this.#deferChildrenOf = options.deferChildrenOf?.size ? options.deferChildrenOf : undefined;
    this.#makeDeferred = options.makeDeferred;
    this.#ours = options.namespaces;
    this.#limits = options.limits ?? DEFAULT_READER_LIMITS;
    this.#content = options.content;
    this.#noNamespace = options.content === undefined ? undefined : namespaceOf(options.content, '');
    this.#copyNames = options.names !== undefined;
    const names = nameTableSlots(options.names ?? new XmlNameTable());
    this.#qnames = names.qnames;
    this.#locals = names.locals;
    this.#prefixes = names.prefixes;
  }

  /**
   * Reads `start`…`end` of the document as a document of its own in `scope` (the reader is
   * reusable). `leaveOpen` lets elements stay open at the end (for openScope).
   */
  read(start: number, end: number, scope: NamespaceScope, leaveOpen = false): ReadDocumentResult {
    const document = this.#document;
    this.#root = undefined;
    this.#rootCount = 0;
    this.#depth = 0;
    this.#deferDepth = 0;
    this.#pending.length = 0;
    this.#enterScope(scope);
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
    if (this.#depth > 0 && !leaveOpen) {
      const unclosed = this.#open[this.#depth - 1] as OpenElement;
      throw new XmlSyntaxError('InvalidTag', 'an element is not closed', unclosed.start);
    }
    return { root: this.#root, rootCount: this.#rootCount };
  }

  /** After `read(…, leaveOpen)`: the scope inside the innermost open element, and its path. */
  openScope(): NamespaceScope {
    if (this.#depth === 0) throw new XmlSyntaxError('InvalidTag', 'no element is open', 0);
    const path = this.#open.slice(0, this.#depth).map((element) => element.name);
    return { ...this.#scopeHere(), path };
  }

  #enterScope(scope: NamespaceScope): void {
    const { prefixes, uris } = scope;
    this.#bindingCount = 0;
    for (let index = 0; index < prefixes.length; index++) {
      this.#bind(prefixes[index] as string, uris[index] as string);
    }
    this.#baseDepth = scope.depth;
    this.#depthRoom = this.#limits.maxDepth - scope.depth;
    this.#topRule = scope.depth === 0 ? ROOT_RULE : scope.childRule;
  }

  /** The bindings in scope now, the depth of the innermost open element and its content rule. */
  #scopeHere(): NamespaceScope {
    const count = this.#bindingCount;
    return {
      prefixes: this.#bindingPrefixes.slice(0, count),
      uris: this.#bindingUris.slice(0, count),
      depth: this.#baseDepth + this.#depth,
      childRule: this.#depth === 0 ? this.#topRule : this.#ruleOf(this.#open[this.#depth - 1] as OpenElement),
    };
  }

  #bind(prefix: string, uri: string): void {
    const index = this.#bindingCount++;
    this.#bindingPrefixes[index] = prefix;
    this.#bindingUris[index] = uri;
    // An element in no namespace (uri '') is ours only when every namespace is.
    this.#bindingOurs[index] = this.#ours === undefined || this.#ours.has(uri);
    if (this.#content !== undefined) this.#bindingRules[index] = namespaceOf(this.#content, uri);
  }

  /** `xmlns:prefix="uri"` (prefix '' for `xmlns="uri"`), checked as Namespaces in XML says. */
  #declare(prefix: string, uri: string, offset: number): void {
    let fault: string | undefined;
    if (prefix === 'xmlns') fault = 'the xmlns prefix cannot be declared';
    else if (prefix === 'xml' ? uri !== XML_NAMESPACE : uri === XML_NAMESPACE)
      fault = 'the xml prefix and its namespace belong only to each other';
    else if (uri === XMLNS_NAMESPACE) fault = 'nothing can be bound to the xmlns namespace';
    else if (prefix !== '' && uri === '') fault = 'a prefix bound to an empty namespace name';
    if (fault !== undefined) throw new XmlSyntaxError('InvalidAttr', fault, offset);
    this.#bind(prefix, uri);
  }

  /** The innermost binding of `prefix`, or -1. */
  #binding(prefix: string): number {
    const prefixes = this.#bindingPrefixes;
    for (let index = this.#bindingCount - 1; index >= 0; index--) {
      if (prefixes[index] === prefix) return index;
    }
    return -1;
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
    const limits = this.#limits;
    let pos = this.#readName(lt + 1, 'InvalidTag');
    const qname = this.#qname;
    const local = this.#local;
    const prefix = this.#prefix;
    if (isRefusedName(local)) throw new XmlSyntaxError('InvalidTag', 'a refused element name', lt + 1);
    if (this.#depth >= this.#depthRoom) throw new XmlLimitError('maxDepth', limits.maxDepth, lt);
    const bindings = this.#bindingCount;
    let attributes = EMPTY_ATTRIBUTES;
    let mutable: Record<string, string> | undefined;
    const seen = this.#seen;
    seen.length = 0;
    let manySeen: Set<string> | undefined;
    this.#prefixedCount = 0;
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
      const attributeLocal = this.#local;
      const attributePrefix = this.#prefix;
      if (seen.length >= limits.maxAttributes)
        throw new XmlLimitError('maxAttributes', limits.maxAttributes, nameStart);
      code = document.charCodeAt(pos);
      while (isSpace(code)) code = document.charCodeAt(++pos);
      if (code !== EQUALS) throw new XmlSyntaxError('InvalidAttr', 'an attribute without a value', nameStart);
      code = document.charCodeAt(++pos);
      while (isSpace(code)) code = document.charCodeAt(++pos);
      if (code !== DOUBLE_QUOTE && code !== SINGLE_QUOTE)
        throw new XmlSyntaxError('InvalidAttr', 'an attribute value without quotes', pos);
      const valueEnd = document.indexOf(code === DOUBLE_QUOTE ? '"' : "'", pos + 1);
      if (valueEnd === -1) throw new XmlSyntaxError('InvalidAttr', 'an attribute value is not closed', pos);
      if (valueEnd - pos - 1 > limits.maxAttributeValueLength)
        throw new XmlLimitError('maxAttributeValueLength', limits.maxAttributeValueLength, pos);
      if (manySeen === undefined && seen.length === MANY_ATTRIBUTES) manySeen = new Set(seen);
      if (manySeen === undefined ? seen.includes(attributeQname) : manySeen.has(attributeQname))
        throw new XmlSyntaxError('InvalidAttr', 'a repeated attribute', nameStart);
      seen.push(attributeQname);
      manySeen?.add(attributeQname);
      // Namespace declarations are not attributes of the element; they bind its prefixes.
      if (attributePrefix === 'xmlns' || attributeQname === 'xmlns') {
        const uri = readAttributeValue(document, pos + 1, valueEnd);
        this.#declare(attributePrefix === 'xmlns' ? attributeLocal : '', uri, nameStart);
        pos = valueEnd + 1;
        continue;
      }
      if (isRefusedName(attributeLocal))
        throw new XmlSyntaxError('InvalidAttr', 'a refused attribute name', nameStart);
      if (attributePrefix !== '') {
        // Named once every declaration of this tag is known (one may follow it).
        const value = deferring ? '' : readAttributeValue(document, pos + 1, valueEnd);
        if (deferring) checkAttributeValue(document, pos + 1, valueEnd);
        this.#keepPrefixed(attributePrefix, attributeLocal, value, nameStart);
        pos = valueEnd + 1;
        continue;
      }
      if (deferring) {
        checkAttributeValue(document, pos + 1, valueEnd);
        pos = valueEnd + 1;
        continue;
      }
      const value = readAttributeValue(document, pos + 1, valueEnd);
      pos = valueEnd + 1;
      if (mutable === undefined) {
        mutable = Object.create(null) as Record<string, string>;
        attributes = mutable;
      }
      mutable[attributeLocal] = value;
    }
    // The element's namespace, now that its own declarations are in scope.
    if (prefix === 'xmlns')
      throw new XmlSyntaxError('InvalidTag', 'an element with the prefix xmlns', lt + 1);
    const binding = this.#binding(prefix);
    if (binding === -1 && prefix !== '')
      throw new XmlSyntaxError('InvalidTag', 'an element with an undeclared namespace prefix', lt + 1);
    const namespace = binding === -1 ? '' : (this.#bindingUris[binding] as string);
    const ours = binding === -1 ? this.#ours === undefined : (this.#bindingOurs[binding] as boolean);
    const name = ours ? local : expandedName(namespace, local);
    const owner =
      this.#content === undefined
        ? undefined
        : this.#checkContent(qname, local, namespace, ours, binding, lt);
    if (this.#prefixedCount > 0) {
      const named = this.#namePrefixed(mutable, deferring);
      if (named !== undefined && mutable === undefined) attributes = named;
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
        // No children, so the scope handed over with them is never used.
        this.#attach(this.#deferredNode(name, namespace, attributes, '', []));
      } else this.#attach({ name, namespace, attributes, children: EMPTY_CHILDREN, text: '' });
      this.#bindingCount = bindings;
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
      element = {
        qname,
        name,
        namespace,
        attributes,
        firstChild: this.#pending.length,
        text: '',
        start: lt,
        bindings,
        rule: owner === undefined ? undefined : null,
        owner,
      };
      this.#open.push(element);
    } else {
      element.qname = qname;
      element.name = name;
      element.namespace = namespace;
      element.attributes = attributes;
      element.firstChild = this.#pending.length;
      element.text = '';
      element.start = lt;
      element.bindings = bindings;
      element.rule = owner === undefined ? undefined : null;
      element.owner = owner;
    }
    this.#depth++;
    return pos + 1;
  }

  /**
   * Checks the element just started against its parent's content rule (see content-rules.ts);
   * returns the rules of its namespace, for its own children (undefined: they are not checked, it
   * is a foreign element or below one).
   */
  #checkContent(
    qname: string,
    local: string,
    namespace: string,
    ours: boolean,
    binding: number,
    lt: number,
  ): CompiledNamespace | undefined {
    const parent = this.#depth === 0 ? undefined : (this.#open[this.#depth - 1] as OpenElement);
    const rule = parent === undefined ? this.#topRule : this.#ruleOf(parent);
    if (rule === undefined) return undefined;
    if (!ours) {
      if (!rule.foreign) throw this.#contentError(qname, namespace, parent, lt);
      return undefined;
    }
    const own = (binding === -1 ? this.#noNamespace : this.#bindingRules[binding]) as CompiledNamespace;
    // A child the rule names is held to its own namespaces, any other to the rule's.
    const allowed = rule.children?.get(local) ?? rule.mask;
    if ((allowed & own.bit) === 0) throw this.#contentError(qname, namespace, parent, lt);
    return own.rule === undefined ? undefined : own;
  }

  /** The content rule for an open element's children, looked up on first use. */
  #ruleOf(element: OpenElement): CompiledChildRule | undefined {
    const { rule } = element;
    if (rule !== null) return rule;
    const owner = element.owner as CompiledNamespace;
    // `name` is the local name: only elements of our namespaces have an owner.
    const resolved = owner.elements.get(element.name) ?? owner.rule;
    element.rule = resolved;
    return resolved;
  }

  #contentError(
    qname: string,
    namespace: string,
    parent: OpenElement | undefined,
    lt: number,
  ): XmlContentError {
    // Names are bounded by maxNameLength; a namespace URI only by maxAttributeValueLength.
    const uri = namespace === '' ? 'no namespace' : `namespace ${namespace.slice(0, 200)}`;
    const where = parent === undefined ? 'where the element is' : `inside <${parent.qname}>`;
    return new XmlContentError(`<${qname}> in ${uri} is not allowed ${where}`, lt);
  }

  /** Keeps a prefixed attribute of the current start tag for #namePrefixed. */
  #keepPrefixed(prefix: string, local: string, value: string, offset: number): void {
    const index = this.#prefixedCount++;
    const kept = this.#prefixed[index];
    if (kept === undefined) this.#prefixed.push({ prefix, local, value, offset });
    else {
      kept.prefix = prefix;
      kept.local = local;
      kept.value = value;
      kept.offset = offset;
    }
  }

  /**
   * Stores the current tag's prefixed attributes under their expanded names `{uri}local` (never
   * under a bare local name: `evil:Id` is not `Id`), into `into` or a new map (returned); two with
   * the same expanded name (`a:x` and `b:x`, both bound to one URI) are refused.
   */
  #namePrefixed(
    into: Record<string, string> | undefined,
    deferring: boolean,
  ): Record<string, string> | undefined {
    let map = into;
    let names: Set<string> | undefined;
    for (let index = 0; index < this.#prefixedCount; index++) {
      const attribute = this.#prefixed[index] as PrefixedAttribute;
      const binding = this.#binding(attribute.prefix);
      if (binding === -1)
        throw new XmlSyntaxError(
          'InvalidAttr',
          'an attribute with an undeclared namespace prefix',
          attribute.offset,
        );
      const key = expandedName(this.#bindingUris[binding] as string, attribute.local);
      names ??= new Set();
      if (names.has(key)) throw new XmlSyntaxError('InvalidAttr', 'a repeated attribute', attribute.offset);
      names.add(key);
      if (deferring) continue;
      map ??= Object.create(null) as Record<string, string>;
      map[key] = attribute.value;
    }
    return map;
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
      this.#bindingCount = element.bindings;
      return pos + 1;
    }
    if (deferDepth !== 0 && this.#depth === deferDepth) {
      this.#deferDepth = 0;
      const ranges = this.#ranges;
      const text = ranges.length > 0 && element.text.trim() === '' ? '' : element.text;
      // The deferred children are read later in the scope they are in now.
      const node = this.#deferredNode(element.name, element.namespace, element.attributes, text, ranges);
      this.#depth--;
      this.#bindingCount = element.bindings;
      this.#attach(node);
      return pos + 1;
    }
    this.#depth--;
    this.#bindingCount = element.bindings;
    const pending = this.#pending;
    const { firstChild } = element;
    let children: readonly XmlNode[] = EMPTY_CHILDREN;
    if (pending.length > firstChild) {
      children = pending.slice(firstChild);
      pending.length = firstChild;
    }
    // Indentation between child elements is not content.
    const text = children.length > 0 && element.text !== '' && element.text.trim() === '' ? '' : element.text;
    this.#attach({
      name: element.name,
      namespace: element.namespace,
      attributes: element.attributes,
      children,
      text,
    });
    return pos + 1;
  }

  /** The node of an element whose children are kept as source ranges (its scope is the current one). */
  #deferredNode(
    name: string,
    namespace: string,
    attributes: Readonly<Record<string, string>>,
    text: string,
    ranges: readonly number[],
  ): XmlNode {
    const make = this.#makeDeferred;
    if (make === undefined) throw new TypeError('deferChildrenOf needs makeDeferred');
    this.#source ??= { document: this.#document, options: this.#options, reader: undefined };
    return make(
      { name, namespace, attributes, text },
      { source: this.#source, ranges, scope: this.#scopeHere() },
    );
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
      checkCharacters(document, lt + 4, end);
      return end + 3;
    }
    if (document.startsWith('<![CDATA[', lt)) {
      const end = document.indexOf(']]>', lt + 9);
      if (end === -1) throw new XmlSyntaxError('InvalidXml', 'a CDATA section is not closed', lt);
      if (this.#depth === 0) throw new XmlSyntaxError('InvalidXml', 'CDATA outside the root element', lt);
      checkCharacters(document, lt + 9, end);
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
    checkCharacters(document, lt + 2, end);
    const afterTarget = document.charCodeAt(lt + 5);
    if (lt > 0 && document.startsWith('xml', lt + 2) && (isSpace(afterTarget) || afterTarget === QUESTION)) {
      throw new XmlSyntaxError('InvalidXml', 'an XML declaration after the start of the document', lt);
    }
    return end + 2;
  }

  /**
   * Reads the name at `start` into #qname / #local / #prefix (interned: one string per distinct
   * name in the document) and returns the position after it.
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
    // A name in the table was checked when it was put there (its length and surrogates).
    if (cached !== undefined && cached.length === length && document.startsWith(cached, start)) {
      this.#qname = cached;
      this.#local = this.#locals[slot] as string;
      this.#prefix = this.#prefixes[slot] as string;
      return pos;
    }
    if (length > this.#limits.maxNameLength)
      throw new XmlLimitError('maxNameLength', this.#limits.maxNameLength, start);
    // The Name production allows surrogates only as pairs (astral characters).
    for (let index = start; index < pos; index++) {
      if (document.charCodeAt(index) >= 0xd800) index = checkHighCodeUnit(document, index, pos);
    }
    const qname = this.#copyNames ? copyOf(document, start, pos) : document.slice(start, pos);
    const colon = qname.indexOf(':');
    if (colon === 0 || colon === qname.length - 1 || (colon !== -1 && qname.indexOf(':', colon + 1) !== -1))
      throw new XmlSyntaxError(kind, 'a name with an empty prefix or local part, or two colons', start);
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    this.#qnames[slot] = qname;
    this.#locals[slot] = local;
    this.#prefixes[slot] = prefix;
    this.#qname = qname;
    this.#local = local;
    this.#prefix = prefix;
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
