import { type X2jOptions, XMLParser } from 'fast-xml-parser';
import { protocolError } from '../errors.js';
import { ATTRIBUTE_PREFIX, TEXT_KEY, type XmlElement } from '../kinds/xml-node.js';

/**
 * Pinned parser options. No value coercion (a subject of "007" stays "007"); namespace prefixes
 * dropped (EWS element names are unique within their parent); whitespace kept so bodies and
 * subjects round-trip exactly. `htmlEntities` is what makes fast-xml-parser decode numeric
 * character references (&#13;); a DOCTYPE is refused before parsing, so no entity can be declared.
 */
const OPTIONS: Partial<X2jOptions> = Object.freeze({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  textNodeName: TEXT_KEY,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: false,
});

// A DOCTYPE can only appear in the prolog: before it only the XML declaration, comments,
// processing instructions and whitespace.
const DOCTYPE_IN_PROLOG = /^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<!DOCTYPE/i;

/** Parses an XML document into the node shape described in kinds/xml-node.ts. */
export function parseXml(text: string): XmlElement {
  if (DOCTYPE_IN_PROLOG.test(text)) throw protocolError('XML with a DOCTYPE is refused (entity expansion)');
  let parsed: unknown;
  try {
    parsed = new XMLParser(OPTIONS).parse(text, true);
  } catch (error) {
    throw protocolError('not well-formed XML', error);
  }
  if (typeof parsed !== 'object' || parsed === null) throw protocolError('not an XML document');
  return parsed as XmlElement;
}
