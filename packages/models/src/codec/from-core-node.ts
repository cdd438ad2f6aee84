import type { XmlNode as CoreXmlNode } from '@ews/core';
import { ATTRIBUTE_PREFIX, CHILD_ORDER, TEXT_KEY, type XmlNode } from '../kinds/xml-node.js';

/**
 * An element parsed by @ews/core (`parseXml`: ordered `{ name, attributes, children, text }`)
 * in this package's node shape, ready for `fromXml` and the kinds: `@_Attr`, `#text`, repeated
 * children as arrays, CHILD_ORDER once a name comes back after another. Converting the one item
 * node of a parsed response is cheaper than parsing its text again. Written for the hot path:
 * no intermediate arrays, leaves returned as their text.
 *
 * Core's reader drops whitespace-only text between child elements (indentation), which this
 * package's `parseXml` keeps as `#text`; no reader in this package looks at that text.
 */
export function fromCoreNode(node: CoreXmlNode): XmlNode {
  const { attributes, children, text } = node;
  let element: Record<string, unknown> | undefined;
  for (const name in attributes) {
    element ??= {};
    element[ATTRIBUTE_PREFIX + name] = attributes[name];
  }
  const count = children.length;
  if (count === 0) {
    if (element === undefined) return text;
  } else {
    element ??= {};
    // Child names in document order, kept only once a name comes back after another one.
    let order: string[] | undefined;
    let last: string | undefined;
    for (let index = 0; index < count; index++) {
      const child = children[index] as CoreXmlNode;
      const { name } = child;
      const value = fromCoreNode(child);
      const existing = element[name];
      // A function is Object.prototype's (`toString`…), not a child read before.
      if (existing === undefined || typeof existing === 'function') element[name] = value;
      else {
        if (order === undefined && last !== name) order = namesBefore(children, index);
        if (Array.isArray(existing)) existing.push(value);
        else element[name] = [existing, value];
      }
      order?.push(name);
      last = name;
    }
    // Not enumerable, as in parseXml's nodes: deep equality and every other reader ignore it.
    if (order !== undefined) Object.defineProperty(element, CHILD_ORDER, { value: order });
  }
  if (text !== '') element[TEXT_KEY] = text;
  return element as XmlNode;
}

function namesBefore(children: readonly CoreXmlNode[], end: number): string[] {
  const names = new Array<string>(end);
  for (let index = 0; index < end; index++) names[index] = (children[index] as CoreXmlNode).name;
  return names;
}
