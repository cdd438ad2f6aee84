/**
 * The shape fast-xml-parser produces with our pinned options: an element without attributes
 * or children is its text (a string, '' when empty); otherwise an object whose keys are child
 * element names (namespace prefix removed), `@_Name` for attributes and `#text` for text.
 * A repeated child becomes an array.
 */
export type XmlNode = string | XmlElement;
export interface XmlElement {
  readonly [key: string]: XmlNode | readonly XmlNode[] | undefined;
}

export const TEXT_KEY = '#text';
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
