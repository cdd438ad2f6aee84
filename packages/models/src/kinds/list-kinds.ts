import { children, EWS_TYPES_NAMESPACE, el, type XmlFragment, type XmlNode } from '@ews/core';
import { type Kind, TYPES_PREFIX, type WriteContext } from './kind.js';

/** An element with nothing in it: what a missing inner element reads as. */
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze(Object.create(null));
const NO_CHILDREN: readonly XmlNode[] = Object.freeze([]);
function emptyElement(name: string): XmlNode {
  return Object.freeze({
    name,
    namespace: EWS_TYPES_NAMESPACE,
    attributes: NO_ATTRIBUTES,
    children: NO_CHILDREN,
    text: '',
  });
}

/**
 * A list: `<Field><t:Item>…</t:Item><t:Item>…</t:Item></Field>`. An empty list is written
 * as nothing at all by the codec (several EWS arrays must not be empty).
 */
export function listOf<T>(item: Kind<T>, itemXmlName: string): Kind<T[]> {
  const itemQname = TYPES_PREFIX + itemXmlName;
  return Object.freeze({
    name: `list<${item.name}>`,
    list: true,
    itemXmlName,
    accepts: (value: unknown): value is T[] => Array.isArray(value) && value.every((v) => item.accepts(v)),
    writeElement(qname: string, value: T[], context: WriteContext, where: string): XmlFragment {
      const entries: XmlFragment[] = [];
      for (const entry of value)
        entries.push(item.writeElement(itemQname, entry, context, `${where}.${itemXmlName}`));
      return el(qname, {}, entries);
    },
    readElement(node: XmlNode, where: string): T[] {
      const out: T[] = [];
      for (const child of node.children)
        if (child.name === itemXmlName) out.push(item.readElement(child, `${where}.${itemXmlName}`));
      return out;
    },
  });
}

/** One value inside a wrapper element: `<t:From><t:Mailbox>…</t:Mailbox></t:From>`. */
export function wrapped<T>(inner: Kind<T>, innerXmlName: string): Kind<T> {
  const innerQname = TYPES_PREFIX + innerXmlName;
  return Object.freeze({
    name: `wrapped<${inner.name}>`,
    list: false,
    accepts: (value: unknown): value is T => inner.accepts(value),
    writeElement(qname: string, value: T, context: WriteContext, where: string): XmlFragment {
      return el(qname, {}, inner.writeElement(innerQname, value, context, `${where}.${innerXmlName}`));
    },
    readElement(node: XmlNode, where: string): T {
      const [child] = children(node, innerXmlName);
      return inner.readElement(child ?? emptyElement(innerXmlName), `${where}.${innerXmlName}`);
    },
  });
}
