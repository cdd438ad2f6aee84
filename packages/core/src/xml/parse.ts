import { bodyExcerpt } from '../errors/body-excerpt.js';
import { EwsProtocolError } from '../errors/error-classes.js';
import { makeDeferredNode } from './deferred-node.js';
import { DeclarationRefusedError, readDocument } from './read-document.js';
import type { XmlNameTable } from './xml-name-table.js';
import type { XmlNode } from './xml-node.js';
import { lineAndColumn, XmlSyntaxError } from './xml-syntax-error.js';

export { childCount, eachChild } from './deferred-node.js';
export { decodeEntities } from './entities.js';
export { XmlNameTable } from './xml-name-table.js';
export type { XmlNode } from './xml-node.js';

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
}

/**
 * Parses one XML document and returns its root element. Throws EwsProtocolError for anything
 * that is not a single well-formed element tree, and for any DOCTYPE or entity declaration
 * (EWS never sends one; refusing them rules out entity expansion and external entities).
 * Nothing is coerced (an ItemId that looks like a number stays a string); the five predefined
 * entities and character references are decoded; CDATA is kept literally.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlNode {
  const errorOptions = { operation: options.operation };
  // A UTF-8 BOM or stray leading whitespace is common in front of the XML declaration.
  const document = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trimStart();
  if (document === '')
    throw new EwsProtocolError('Expected an XML document, got an empty body', errorOptions);
  if (!document.startsWith('<')) {
    throw new EwsProtocolError(`Expected an XML document, got: ${bodyExcerpt(document, 80)}`, errorOptions);
  }
  let result: ReturnType<typeof readDocument>;
  try {
    result = readDocument(
      document,
      options.deferChildrenOf?.length
        ? {
            deferChildrenOf: new Set(options.deferChildrenOf),
            makeDeferred: makeDeferredNode,
            names: options.names,
          }
        : { names: options.names },
    );
  } catch (error) {
    if (error instanceof DeclarationRefusedError) throw new EwsProtocolError(error.message, errorOptions);
    if (!(error instanceof XmlSyntaxError)) throw error;
    const { line, column } = lineAndColumn(document, error.offset);
    throw new EwsProtocolError(
      `Malformed XML (${error.kind} at line ${line}, column ${column}: ${error.message})`,
      errorOptions,
    );
  }
  if (result.rootCount !== 1 || result.root === undefined) {
    throw new EwsProtocolError(`Expected one root element, found ${result.rootCount}`, errorOptions);
  }
  return result.root;
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

/** Child elements with the given local name (all children without a name), always an array. */
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
