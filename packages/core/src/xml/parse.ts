import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { bodyExcerpt } from '../errors/body-excerpt.js';
import { EwsProtocolError } from '../errors/error-classes.js';

/**
 * One XML element, namespace prefixes removed (Exchange uses `s:`/`m:`/`t:`, but any prefix is
 * legal, so readers match local names only). Element children keep document order, because
 * EWS lists can mix element types (`<m:Items>` holding messages and calendar items).
 */
export interface XmlNode {
  /** Local name, e.g. `ResponseMessages` for `<m:ResponseMessages>`. */
  readonly name: string;
  /** Attribute values by local name (`xmlns` declarations dropped), entities decoded. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Child elements in document order. */
  readonly children: readonly XmlNode[];
  /** The element's own text (and CDATA), untrimmed; empty for elements holding only elements. */
  readonly text: string;
}

export interface ParseXmlOptions {
  /** Named in error messages. */
  readonly operation?: string | undefined;
}

// The pinned parser options: nothing is coerced (an ItemId that looks like a number stays a
// string), entities are decoded here rather than by the parser (it leaves numeric references
// alone), CDATA is kept apart so that it is not entity-decoded. A parser is made per call:
// it is cheap, and no parser state outlives a document.
const PARSER_OPTIONS = Object.freeze({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
} as const);

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';

/** The shape fast-xml-parser produces with `preserveOrder`: `{ [name]: entries, ':@'?: attributes }`. */
type OrderedEntry = Record<string, unknown>;

/**
 * Parses one XML document and returns its root element. Throws EwsProtocolError for anything
 * that is not a single well-formed element tree, and for any DOCTYPE or entity declaration
 * (EWS never sends one; refusing them rules out entity expansion and external entities).
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlNode {
  const errorOptions = { operation: options.operation };
  // A UTF-8 BOM or stray leading whitespace is common in front of the XML declaration.
  const document = text.replace(/^\uFEFF/, '').trimStart();
  if (document === '')
    throw new EwsProtocolError('Expected an XML document, got an empty body', errorOptions);
  if (!document.startsWith('<')) {
    throw new EwsProtocolError(`Expected an XML document, got: ${bodyExcerpt(document, 80)}`, errorOptions);
  }
  const declaration = findDeclaration(document);
  if (declaration) {
    throw new EwsProtocolError(`XML ${declaration} declarations are not accepted`, errorOptions);
  }
  const valid = XMLValidator.validate(document);
  if (valid !== true) {
    const { code, line, col } = valid.err;
    throw new EwsProtocolError(`Malformed XML (${code} at line ${line}, column ${col})`, errorOptions);
  }
  let entries: unknown;
  try {
    entries = new XMLParser(PARSER_OPTIONS).parse(document);
  } catch (error) {
    // The parser refuses names such as `__proto__`; no legitimate EWS answer contains them.
    throw new EwsProtocolError('Malformed XML (rejected by the parser)', { ...errorOptions, cause: error });
  }
  const roots = (Array.isArray(entries) ? entries : []).flatMap((entry: OrderedEntry) => {
    const node = toNode(entry);
    return node ? [node] : [];
  });
  if (roots.length !== 1 || !roots[0]) {
    throw new EwsProtocolError(`Expected one root element, found ${roots.length}`, errorOptions);
  }
  return roots[0];
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

function toNode(entry: OrderedEntry): XmlNode | undefined {
  let name: string | undefined;
  for (const key of Object.keys(entry)) {
    if (key !== ATTRIBUTES) {
      name = key;
      break;
    }
  }
  // Text, CDATA, comments and processing instructions are not elements.
  if (name === undefined || name === TEXT || name === CDATA || name.startsWith('?')) return undefined;
  const content = entry[name];
  const elements: XmlNode[] = [];
  let text = '';
  for (const item of Array.isArray(content) ? (content as OrderedEntry[]) : []) {
    if (TEXT in item) text += decodeEntities(String(item[TEXT]));
    else if (CDATA in item) text += cdataText(item[CDATA]);
    else {
      const node = toNode(item);
      if (node) elements.push(node);
    }
  }
  // Indentation between child elements is not content.
  if (elements.length > 0 && text.trim() === '') text = '';
  return { name, attributes: readAttributes(entry[ATTRIBUTES]), children: elements, text };
}

function readAttributes(raw: unknown): Readonly<Record<string, string>> {
  const attributes: Record<string, string> = Object.create(null);
  if (typeof raw !== 'object' || raw === null) return attributes;
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    // XML attribute-value normalisation: literal tabs and newlines read as spaces.
    attributes[name] = decodeEntities(String(value).replace(/[\t\n\r]/g, ' '));
  }
  return attributes;
}

function cdataText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content.map((item: OrderedEntry) => (TEXT in item ? String(item[TEXT]) : '')).join('');
}

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

/**
 * Finds a `<!DOCTYPE` or `<!ENTITY` in markup, skipping comments and CDATA sections (where
 * such text is only content). Linear in the document length.
 */
function findDeclaration(document: string): 'DOCTYPE' | 'ENTITY' | undefined {
  let index = document.indexOf('<!');
  while (index !== -1) {
    if (document.startsWith('<!--', index)) {
      const end = document.indexOf('-->', index + 4);
      if (end === -1) return undefined;
      index = document.indexOf('<!', end + 3);
      continue;
    }
    if (document.startsWith('<![CDATA[', index)) {
      const end = document.indexOf(']]>', index + 9);
      if (end === -1) return undefined;
      index = document.indexOf('<!', end + 3);
      continue;
    }
    const keyword = document.slice(index + 2, index + 9).toUpperCase();
    if (keyword.startsWith('DOCTYPE')) return 'DOCTYPE';
    if (keyword.startsWith('ENTITY')) return 'ENTITY';
    index = document.indexOf('<!', index + 2);
  }
  return undefined;
}
