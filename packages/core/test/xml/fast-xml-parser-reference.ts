import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeEntities, type XmlNode } from '../../src/xml/parse.js';

/*
 * The reader @ews/core used before its own (docs/decisions/0003-own-xml-reader.md):
 * fast-xml-parser's validator, then its ordered parse with the options we pinned, converted to
 * XmlNode. Kept here, unchanged in behaviour, as the reference the differential test compares
 * parseXml with. Throws (any error) where the old parseXml threw.
 */
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
type OrderedEntry = Record<string, unknown>;

export function referenceParseXml(text: string): XmlNode {
  const document = text.replace(/^\uFEFF/, '').trimStart();
  if (!document.startsWith('<')) throw new Error('not an XML document');
  if (/<!(DOCTYPE|ENTITY)/i.test(stripCommentsAndCdata(document))) throw new Error('declaration refused');
  const valid = XMLValidator.validate(document);
  if (valid !== true) throw new Error(`invalid: ${valid.err.code}`);
  const entries: unknown = new XMLParser(PARSER_OPTIONS).parse(document);
  const roots = (Array.isArray(entries) ? entries : []).flatMap((entry: OrderedEntry) => {
    const node = toNode(entry);
    return node ? [node] : [];
  });
  if (roots.length !== 1 || !roots[0]) throw new Error(`${roots.length} root elements`);
  return roots[0];
}

function stripCommentsAndCdata(document: string): string {
  return document.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
}

function toNode(entry: OrderedEntry): XmlNode | undefined {
  let name: string | undefined;
  for (const key of Object.keys(entry)) {
    if (key !== ATTRIBUTES) {
      name = key;
      break;
    }
  }
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
  if (elements.length > 0 && text.trim() === '') text = '';
  // The pipeline knew no namespaces.
  return { name, namespace: '', attributes: readAttributes(entry[ATTRIBUTES]), children: elements, text };
}

function readAttributes(raw: unknown): Readonly<Record<string, string>> {
  const attributes: Record<string, string> = Object.create(null);
  if (typeof raw !== 'object' || raw === null) return attributes;
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    attributes[name] = decodeEntities(String(value).replace(/[\t\n\r]/g, ' '));
  }
  return attributes;
}

function cdataText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content.map((item: OrderedEntry) => (TEXT in item ? String(item[TEXT]) : '')).join('');
}
