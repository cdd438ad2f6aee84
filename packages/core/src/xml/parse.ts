import { bodyExcerpt } from '../errors/body-excerpt.js';
import { EwsProtocolError } from '../errors/error-classes.js';
import { EWS_RESPONSE_NAMESPACES } from '../soap/namespaces.js';
import { XmlContentError, type XmlContentRules } from './content-rules.js';
import { makeDeferredNode } from './deferred-node.js';
import {
  DeclarationRefusedError,
  DOCUMENT_SCOPE,
  type NamespaceScope,
  type ReadDocumentOptions,
  readDocument,
  readOpenScope,
} from './read-document.js';
import { type ReaderLimitOverrides, type ReaderLimits, resolveReaderLimits } from './reader-limits.js';
import { raiseLimitHint, XmlLimitError } from './xml-limit-error.js';
import type { XmlNameTable } from './xml-name-table.js';
import { namespaceSet, type XmlNamespaces } from './xml-namespaces.js';
import type { XmlNode } from './xml-node.js';
import { lineAndColumn, XmlSyntaxError } from './xml-syntax-error.js';

export {
  type XmlChildRule,
  XmlContentRules,
  type XmlContentRulesSpec,
  xmlContentRules,
} from './content-rules.js';
export { childCount, eachChild } from './deferred-node.js';
export { decodeEntities } from './entities.js';
export {
  DEFAULT_READER_LIMITS,
  type ReaderLimitOverrides,
  type ReaderLimits,
  resolveReaderLimits,
} from './reader-limits.js';
export { XmlNameTable } from './xml-name-table.js';
export { expandedName, type XmlNamespaces } from './xml-namespaces.js';
export type { XmlNode } from './xml-node.js';

// Read as our own unless a caller says otherwise; never mutated.
const EWS_NAMESPACE_SET: ReadonlySet<string> = new Set(EWS_RESPONSE_NAMESPACES);

export interface ParseXmlOptions {
  /** Named in error messages. */
  readonly operation?: string | undefined;
  /**
   * Local names of elements (e.g. `Items`) whose children are checked for well-formedness but
   * built only when used: all at once on first access to `children`, or one at a time, kept by
   * nobody, with `eachChild`. For big lists read item by item.
   */
  readonly deferChildrenOf?: readonly string[] | undefined;
  /**
   * Names read by earlier parses of the same stream, to be reused (see XmlNameTable): for many
   * small documents parsed one after another. Without it each parse starts a table of its own.
   */
  readonly names?: XmlNameTable | undefined;
  /**
   * The namespaces whose elements are named by their local names (see XmlNode); elements of any
   * other namespace, or of none, are named `{uri}local`. Default: EWS's (SOAP 1.1 envelope,
   * messages, types, errors). `'any'` names every element by its local name: only for documents
   * whose namespaces do not matter, never for a server's answer.
   */
  readonly namespaces?: XmlNamespaces | undefined;
  /** Bounds for this document; DEFAULT_READER_LIMITS for those not given. */
  readonly limits?: ReaderLimitOverrides | undefined;
  /**
   * Which elements may hold which, namespace-wise (xmlContentRules; EWS_ANSWER_CONTENT for an EWS
   * answer): an element that does not fit, a foreign one outside the places its parent's rule
   * opens to any namespace above all, is refused with EWS_PROTOCOL. Default: nothing checked.
   */
  readonly content?: XmlContentRules | undefined;
  /**
   * For a fragment cut out of a bigger document: where it was (readFragmentContext), so that it is
   * read exactly as in place: its prefixes resolved by the declarations around it, its depth
   * counted from its parent's, and the namespaces, limits and content rules the context was made
   * with (this parse's own `namespaces`, `limits` and `content` are then not used).
   */
  readonly context?: XmlFragmentContext | undefined;
}

/** The reader's settings of a context (not exported from the package). */
let contextSettings: (context: XmlFragmentContext) => {
  readonly scope: NamespaceScope;
  readonly namespaces: ReadonlySet<string> | undefined;
  readonly limits: ReaderLimits;
  readonly content: XmlContentRules | undefined;
};

/** Makes a context (not exported from the package). */
let makeContext: (
  scope: NamespaceScope,
  namespaces: ReadonlySet<string> | undefined,
  limits: ReaderLimits,
  content: XmlContentRules | undefined,
) => XmlFragmentContext;

/**
 * Where a fragment sits in the document it was cut from: the namespace declarations in scope at
 * its parent element, that element's depth, and the namespaces, limits and content rules the
 * document is read with. Made once per document by readFragmentContext; opaque.
 */
export class XmlFragmentContext {
  readonly #scope: NamespaceScope;
  readonly #namespaces: ReadonlySet<string> | undefined;
  readonly #limits: ReaderLimits;
  readonly #content: XmlContentRules | undefined;

  /** Use readFragmentContext. */
  private constructor(
    scope: NamespaceScope,
    namespaces: ReadonlySet<string> | undefined,
    limits: ReaderLimits,
    content: XmlContentRules | undefined,
  ) {
    this.#scope = scope;
    this.#namespaces = namespaces;
    this.#limits = limits;
    this.#content = content;
  }

  /** The depth of the parent element (the document's root is at depth 1). */
  get depth(): number {
    return this.#scope.depth;
  }

  /** The names of the parent element and its ancestors, outermost first, as XmlNode names them. */
  get path(): readonly string[] {
    return this.#scope.path ?? [];
  }

  /** Prefix → namespace URI in scope at the parent element ('' is the default namespace). */
  get prefixes(): Readonly<Record<string, string>> {
    const bindings: Record<string, string> = Object.create(null);
    this.#scope.prefixes.forEach((prefix, index) => {
      bindings[prefix] = this.#scope.uris[index] as string;
    });
    return bindings;
  }

  static {
    contextSettings = (context) => ({
      scope: context.#scope,
      namespaces: context.#namespaces,
      limits: context.#limits,
      content: context.#content,
    });
    makeContext = (scope, namespaces, limits, content) =>
      new XmlFragmentContext(scope, namespaces, limits, content);
  }
}

/**
 * The context of the children of the element whose start tag ends `documentStart` (the text of a
 * document up to and including that start tag, say an answer up to `<t:Items>`): pass it to
 * parseXml for each child cut out of the rest. `documentStart` is checked as far as it goes, as
 * parseXml checks a document, with the same `namespaces`, `limits` and `content` options.
 */
export function readFragmentContext(
  documentStart: string,
  options: Pick<ParseXmlOptions, 'operation' | 'namespaces' | 'limits' | 'content'> = {},
): XmlFragmentContext {
  const namespaces = namespaceSet(options.namespaces ?? EWS_NAMESPACE_SET);
  const limits = resolveReaderLimits(options.limits, 'limits');
  const { content } = options;
  const document = startOfDocument(documentStart, options.operation);
  const scope = translateErrors(document, options.operation, () =>
    readOpenScope(document, { namespaces, limits, content }),
  );
  return makeContext(scope, namespaces, limits, content);
}

/**
 * Parses one XML document and returns its root element. Throws EwsProtocolError for anything
 * that is not a single well-formed, namespace-well-formed element tree, for characters XML 1.0
 * does not allow (raw or as references), for any DOCTYPE or entity declaration (EWS never sends
 * one; refusing them rules out entity expansion and external entities), and for a document beyond
 * the reader's limits. Nothing is coerced (an ItemId that looks like a number stays a string);
 * the five predefined entities and character references are decoded; CDATA is kept literally.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlNode {
  const { operation } = options;
  const document = startOfDocument(text, operation);
  const settings = options.context === undefined ? undefined : contextSettings(options.context);
  const readOptions: ReadDocumentOptions = {
    names: options.names,
    namespaces:
      settings === undefined
        ? options.namespaces === undefined
          ? EWS_NAMESPACE_SET
          : namespaceSet(options.namespaces)
        : settings.namespaces,
    limits: settings === undefined ? resolveReaderLimits(options.limits, 'limits') : settings.limits,
    content: settings === undefined ? options.content : settings.content,
    ...(options.deferChildrenOf?.length
      ? { deferChildrenOf: new Set(options.deferChildrenOf), makeDeferred: makeDeferredNode }
      : {}),
  };
  const scope = settings === undefined ? DOCUMENT_SCOPE : settings.scope;
  const result = translateErrors(document, operation, () => readDocument(document, readOptions, scope));
  if (result.rootCount !== 1 || result.root === undefined) {
    throw new EwsProtocolError(`Expected one root element, found ${result.rootCount}`, { operation });
  }
  return result.root;
}

/** `text` without a BOM and leading whitespace, which must start an element or a declaration. */
function startOfDocument(text: string, operation: string | undefined): string {
  // A UTF-8 BOM or stray leading whitespace is common in front of the XML declaration.
  const document = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trimStart();
  if (document === '')
    throw new EwsProtocolError('Expected an XML document, got an empty body', { operation });
  if (!document.startsWith('<')) {
    throw new EwsProtocolError(`Expected an XML document, got: ${bodyExcerpt(document, 80)}`, { operation });
  }
  return document;
}

/** Runs `read`, turning the reader's errors into EwsProtocolErrors with a line and column. */
function translateErrors<T>(document: string, operation: string | undefined, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DeclarationRefusedError) throw new EwsProtocolError(error.message, { operation });
    if (error instanceof XmlContentError) {
      const { line, column } = lineAndColumn(document, error.offset);
      throw new EwsProtocolError(
        `Refused XML (${error.message}, at line ${line}, column ${column}): an element out of place or ` +
          'in the wrong namespace would read as absent or as another',
        { operation },
      );
    }
    if (error instanceof XmlLimitError) {
      const { line, column } = lineAndColumn(document, error.offset);
      throw new EwsProtocolError(
        `Refused XML (${error.message} at line ${line}, column ${column}); ${raiseLimitHint(error.limit)}`,
        { operation },
      );
    }
    if (!(error instanceof XmlSyntaxError)) throw error;
    const { line, column } = lineAndColumn(document, error.offset);
    throw new EwsProtocolError(
      `Malformed XML (${error.kind} at line ${line}, column ${column}: ${error.message})`,
      { operation },
    );
  }
}

/** The first child element named `path[0]`, then its first child named `path[1]`, and so on. */
export function child(node: XmlNode | undefined, ...path: readonly string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) {
    if (!current) return undefined;
    current = current.children.find((candidate) => candidate.name === name);
  }
  return current;
}

/** Child elements with the given name (all children without a name), always an array. */
export function children(node: XmlNode | undefined, name?: string): readonly XmlNode[] {
  if (!node) return [];
  return name === undefined ? node.children : node.children.filter((candidate) => candidate.name === name);
}

/** The text of the first child element named `name`, or undefined when there is no such child. */
export function childText(node: XmlNode | undefined, name: string): string | undefined {
  return child(node, name)?.text;
}

/** One value, several values or none, as an array: for readers of optional and repeated fields. */
export function asArray<T>(value: T | readonly T[] | undefined | null): readonly T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
