import type { XmlNode as CoreXmlNode } from '@ews/core';
import { ATTRIBUTE_PREFIX, CHILD_ORDER, TEXT_KEY, type XmlNode } from '../kinds/xml-node.js';

/**
 * An element parsed by @ews/core (`parseXml`: ordered `{ name, attributes, children, text }`)
 * in this package's node shape, ready for `fromXml` and the kinds: `@_Attr`, `#text`, repeated
 * children as arrays, CHILD_ORDER once a name comes back after another. Converting the one item
 * node of a parsed response is cheaper than parsing its text again. Written for the hot path:
 * no intermediate arrays, leaves returned as their text.
 *
 * Walked with a stack of its own, not recursion: how deep a tree is is up to whoever sent it
 * (core's reader bounds the depth, but a caller may lift that bound), and a deep one must not
 * end in a RangeError. Each element's keys are written in the order recursion wrote them
 * (attributes, children in document order, text); an element object is put in its parent
 * first and filled when its turn comes.
 *
 * Core's reader drops whitespace-only text between child elements (indentation), which this
 * package's `parseXml` keeps as `#text`; no reader in this package looks at that text.
 */
export function fromCoreNode(node: CoreXmlNode): XmlNode {
  if (isLeaf(node)) return node.text;
  const root: Record<string, unknown> = {};
  // Elements still to fill, and the objects they fill (pushed and popped together).
  const pending: CoreXmlNode[] = [node];
  const targets: Record<string, unknown>[] = [root];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    fill(next, targets.pop() as Record<string, unknown>, pending, targets);
  }
  return root as XmlNode;
}

/** An element without attributes or children reads as its text. */
function isLeaf(node: CoreXmlNode): boolean {
  if (node.children.length !== 0) return false;
  for (const _ in node.attributes) return false;
  return true;
}

/** Writes `node`'s attributes, children and text into `element`; non-leaf children are queued. */
function fill(
  node: CoreXmlNode,
  element: Record<string, unknown>,
  pending: CoreXmlNode[],
  targets: Record<string, unknown>[],
): void {
  const { attributes, children, text } = node;
  for (const name in attributes) element[ATTRIBUTE_PREFIX + name] = attributes[name];
  const count = children.length;
  // Child names in document order, kept only once a name comes back after another one.
  let order: string[] | undefined;
  let last: string | undefined;
  for (let index = 0; index < count; index++) {
    const child = children[index] as CoreXmlNode;
    const { name } = child;
    let value: unknown;
    if (isLeaf(child)) value = child.text;
    else {
      const target: Record<string, unknown> = {};
      pending.push(child);
      targets.push(target);
      value = target;
    }
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
  if (text !== '') element[TEXT_KEY] = text;
}

function namesBefore(children: readonly CoreXmlNode[], end: number): string[] {
  const names = new Array<string>(end);
  for (let index = 0; index < end; index++) names[index] = (children[index] as CoreXmlNode).name;
  return names;
}
