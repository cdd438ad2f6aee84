import { el, type XmlFragment } from '@ews/core';
import { type Kind, TYPES_PREFIX, type WriteContext } from './kind.js';
import { childrenOf, type XmlNode } from './xml-node.js';

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
      return childrenOf(node, itemXmlName).map((child) => item.readElement(child, `${where}.${itemXmlName}`));
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
      const [child] = childrenOf(node, innerXmlName);
      return inner.readElement(child ?? '', `${where}.${innerXmlName}`);
    },
  });
}
