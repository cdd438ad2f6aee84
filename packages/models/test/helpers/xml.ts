import type { XmlNode } from '@ews/core';
import { parseEwsText } from '../../src/codec/from-xml.js';

export type { XmlNode };

/**
 * An element's local name: test documents (exchangelib's vectors among them) put wrappers such as
 * `<Envelope>` in no namespace, which core names `{}Envelope`; navigation here goes by local name.
 */
export function localName(node: XmlNode): string {
  return node.name.slice(node.name.indexOf('}') + 1);
}

/**
 * XML text read by core's reader, the one reader (as fromXml reads text: `t:` and `m:` name EWS's
 * namespaces when the text does not declare them): its root element, checked to be `name`.
 */
export function rootOf(text: string, name?: string): XmlNode {
  const root = parseEwsText(text);
  if (name !== undefined && localName(root) !== name) throw new Error(`root <${root.name}>, not <${name}>`);
  return root;
}

/** An element holding the elements of `text` (for readers given a parent, such as readOne). */
export function parentOf(text: string): XmlNode {
  return rootOf(`<m:Parent>${text.replace(/^<\?xml[^>]*\?>/, '')}</m:Parent>`);
}

/** The first child element of `node` named `name`; throws when there is none. */
export function pick(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((candidate) => localName(candidate) === name);
  if (found === undefined) throw new Error(`no <${name}> in <${node.name}>`);
  return found;
}

/** The child elements of `node` named `name`, in document order. */
export function picks(node: XmlNode, name: string): readonly XmlNode[] {
  return node.children.filter((candidate) => localName(candidate) === name);
}
