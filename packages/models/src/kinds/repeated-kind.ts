import { fragments, type XmlFragment, type XmlNode } from '@ews/core';
import type { Kind, WriteContext } from './kind.js';

/**
 * A list whose entries are repeated sibling elements with no wrapper, e.g. the
 * `<t:ExtendedProperty>` elements of an item (`maxOccurs="unbounded"` in types.xsd). The field's
 * xmlName is the entry's element name; the codec hands the reader every sibling of that name.
 */
export interface RepeatedKind<T> extends Kind<T[]> {
  readonly repeated: true;
  /** Reads every sibling, in document order. */
  readAll(nodes: readonly XmlNode[], where: string): T[];
}

export function repeated<T>(entry: Kind<T>): RepeatedKind<T> {
  const readAll = (nodes: readonly XmlNode[], where: string): T[] =>
    nodes.map((node, index) => entry.readElement(node, `${where}[${index}]`));
  return Object.freeze({
    name: `repeated<${entry.name}>`,
    list: true,
    repeated: true as const,
    accepts: (value: unknown): value is T[] => Array.isArray(value) && value.every((v) => entry.accepts(v)),
    writeElement(qname: string, value: T[], context: WriteContext, where: string): XmlFragment {
      const entries: XmlFragment[] = [];
      for (let i = 0; i < value.length; i++)
        entries.push(entry.writeElement(qname, value[i] as T, context, `${where}[${i}]`));
      return fragments(entries);
    },
    // A single node: the codec passes every sibling to readAll instead.
    readElement: (node: XmlNode, where: string): T[] => readAll([node], where),
    readAll,
  });
}

export function isRepeatedKind(kind: Kind<unknown>): kind is RepeatedKind<unknown> {
  return (kind as Partial<RepeatedKind<unknown>>).repeated === true;
}
