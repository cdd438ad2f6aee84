import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed element: namespace prefixes removed (EWS names are unique enough for a test server). */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated text content of this element (not of its descendants). */
  readonly text: string;
}

export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
}

// Pinned parser options: values stay strings, no entity expansion beyond the five XML ones.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type RawNode = Record<string, unknown>;

/** Parses a document and returns its root element; throws XmlParseError for anything not well-formed. */
export function parseXml(xml: string): XmlElement {
  // A DOCTYPE could declare entities; Exchange refuses DTDs in requests and so do we.
  if (/<!DOCTYPE/i.test(xml)) throw new XmlParseError('DTD is prohibited in requests');
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) throw new XmlParseError(`${verdict.err.msg} (line ${verdict.err.line})`);
  const nodes = parser.parse(xml) as RawNode[];
  const roots = nodes.map(toElement).filter((el): el is XmlElement => el !== undefined);
  const root = roots[0];
  if (root === undefined || roots.length !== 1)
    throw new XmlParseError('document must have exactly one root');
  return root;
}

function toElement(node: RawNode): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
  if (name === undefined) return undefined;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    attrs[key] = String(value);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] ?? []) as RawNode[]) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const el = toElement(child);
      if (el !== undefined) children.push(el);
    }
  }
  return { name, attrs, children, text };
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el === undefined ? [] : el.children.filter((c) => c.name === name);
}

/** Text of a direct child, or undefined when the child is absent. */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const found = child(el, name);
  return found === undefined ? undefined : found.text.trim();
}

/** Follows a path of child names. */
export function descend(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = el;
  for (const name of path) current = child(current, name);
  return current;
}
