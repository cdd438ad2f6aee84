/**
 * The shape fast-xml-parser produces with our pinned options: an element without attributes
 * or children is its text (a string, '' when empty); otherwise an object whose keys are child
 * element names (namespace prefix removed), `@_Name` for attributes and `#text` for text.
 * A repeated child becomes an array. Grouping by name keeps each name's document order; when
 * names interleave (Message, CalendarItem, Message) the node also carries, under the
 * non-enumerable CHILD_ORDER symbol, its child names in document order: read children with
 * `elementChildren` wherever different elements can mix in one list.
 */
export type XmlNode = string | XmlElement;
export interface XmlElement {
  readonly [key: string]: XmlNode | readonly XmlNode[] | undefined;
}

export const TEXT_KEY = '#text';
/** Where an element node keeps its child names in document order (only when they interleave). */
export const CHILD_ORDER: unique symbol = Symbol.for('@ews/models.childOrder');
export const ATTRIBUTE_PREFIX = '@_';

/** The text content of an element node ('' when it has none). */
export function textOf(node: XmlNode | readonly XmlNode[] | undefined): string {
  if (typeof node === 'string') return node;
  if (node === undefined || Array.isArray(node)) return '';
  const text = (node as XmlElement)[TEXT_KEY];
  return typeof text === 'string' ? text : '';
}

/** An attribute's value, or undefined when absent. */
export function attributeOf(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string') return undefined;
  const value = node[ATTRIBUTE_PREFIX + name];
  return typeof value === 'string' ? value : undefined;
}

/** The children named `name`, always as a list (a single child is not wrapped by the parser). */
export function childrenOf(node: XmlNode | undefined, name: string): readonly XmlNode[] {
  if (node === undefined || typeof node === 'string') return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly XmlNode[]) : [value as XmlNode];
}

/** One child element: its name (namespace prefix removed) and node. */
export interface XmlChild {
  readonly name: string;
  readonly node: XmlNode;
}

/** Every child element of `node` in document order (attributes and text left out). */
export function elementChildren(node: XmlNode | undefined): XmlChild[] {
  const out: XmlChild[] = [];
  if (node === undefined || typeof node === 'string') return out;
  const order = (node as { readonly [CHILD_ORDER]?: readonly string[] })[CHILD_ORDER];
  if (order === undefined) {
    // No interleaving: each name's run, in the order the names first appeared.
    for (const name in node) {
      if (name === TEXT_KEY || name.startsWith(ATTRIBUTE_PREFIX)) continue;
      for (const child of childrenOf(node, name)) out.push({ name, node: child });
    }
    return out;
  }
  const next = new Map<string, number>();
  for (const name of order) {
    const index = next.get(name) ?? 0;
    next.set(name, index + 1);
    const child = childrenOf(node, name)[index];
    if (child !== undefined) out.push({ name, node: child });
  }
  return out;
}

/**
 * Records document order on an element built by hand (e.g. converted from another parser's
 * ordered tree), so `elementChildren` gives the children back in that order. Returns `element`.
 */
export function withChildOrder<E extends XmlElement>(element: E, names: readonly string[]): E {
  Object.defineProperty(element, CHILD_ORDER, { value: Object.freeze([...names]), configurable: true });
  return element;
}
