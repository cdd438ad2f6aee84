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

// Pinned parser options: values stay strings and references stay as written; decodeText and
// decodeAttribute below resolve them in one pass (fast-xml-parser keeps `&#13;` literally, and
// decoding after its own `&amp;` step would read `&amp;#13;` as a CR). CDATA comes apart, undecoded.
const parser = new XMLParser({
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
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
// A reference, or a bare `&` (which is not well-formed).
const REFERENCE = /&(?:#x([0-9A-Fa-f]+);|#([0-9]+);|(lt|gt|amp|quot|apos);)?/g;

/** XML 1.0's Char production: tab, LF, CR, and U+0020…U+D7FF, U+E000…U+FFFD, U+10000…U+10FFFF. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Resolves character references (decimal and hex) and the five predefined entities, in one pass. */
function resolveReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(
    REFERENCE,
    (match, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
      if (name !== undefined) return PREDEFINED[name] ?? match;
      if (hex === undefined && decimal === undefined) {
        throw new XmlParseError(
          'a bare & or an unknown entity (only &lt; &gt; &amp; &quot; &apos; are defined)',
        );
      }
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(decimal ?? '', 10);
      if (!isXmlChar(code))
        throw new XmlParseError(`&#${hex !== undefined ? `x${hex}` : decimal}; is not an XML 1.0 character`);
      return String.fromCodePoint(code);
    },
  );
}

/** End-of-line handling (XML 1.0 §2.11): CRLF and a lone CR are read as LF; `&#13;` stays a CR. */
function normalizeLines(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

function decodeText(raw: string): string {
  return resolveReferences(normalizeLines(raw));
}

/** Attribute-value normalization (§3.3.3): literal tab and LF become spaces, references do not. */
function decodeAttribute(raw: string): string {
  return resolveReferences(normalizeLines(raw).replace(/[\t\n]/g, ' '));
}

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
    attrs[key] = decodeAttribute(String(value));
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] ?? []) as RawNode[]) {
    if ('#text' in child) text += decodeText(String(child['#text']));
    else if ('#cdata' in child) {
      for (const part of child['#cdata'] as RawNode[]) text += normalizeLines(String(part['#text'] ?? ''));
    } else {
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
