import type { XmlNode as CoreNode } from '@ews/core';
import { CHILD_ORDER, type XmlNode as ModelNode } from '@ews/models';

const ATTRIBUTE_PREFIX = '@_';
const TEXT_KEY = '#text';

/**
 * @ews/core parses a response once into ordered nodes; @ews/models reads the object shape its
 * own parser makes (`@_Attr`, `#text`, repeated children as arrays, CHILD_ORDER when names
 * interleave). Converting the one item node is cheaper than re-parsing the page text, and keeps
 * a single parse per response. Written for the hot path: no intermediate arrays, leaves
 * returned as their text.
 */
export function toModelNode(node: CoreNode): ModelNode {
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
      const child = children[index] as CoreNode;
      const { name } = child;
      const value = toModelNode(child);
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
    if (order !== undefined) Object.defineProperty(element, CHILD_ORDER, { value: order });
  }
  if (text !== '') element[TEXT_KEY] = text;
  return element as ModelNode;
}

function namesBefore(children: readonly CoreNode[], end: number): string[] {
  const names = new Array<string>(end);
  for (let index = 0; index < end; index++) names[index] = (children[index] as CoreNode).name;
  return names;
}
