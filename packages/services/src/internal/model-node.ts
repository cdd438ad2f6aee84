import type { XmlNode as CoreNode } from '@ews/core';
import type { XmlNode as ModelNode, XmlElement } from '@ews/models';

/**
 * @ews/core parses a response once into ordered nodes; @ews/models reads the object shape its
 * own parser makes (`@_Attr`, `#text`, repeated children as arrays). Converting the one item node
 * is cheaper than re-parsing the page text, and keeps a single parse per response.
 */
export function toModelNode(node: CoreNode): ModelNode {
  const attributeNames = Object.keys(node.attributes);
  if (attributeNames.length === 0 && node.children.length === 0) return node.text;
  const element: Record<string, ModelNode | ModelNode[]> = {};
  for (const name of attributeNames) element[`@_${name}`] = node.attributes[name] ?? '';
  for (const childNode of node.children) {
    const value = toModelNode(childNode);
    const existing = element[childNode.name];
    if (existing === undefined) element[childNode.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else element[childNode.name] = [existing, value];
  }
  if (node.text !== '') element['#text'] = node.text;
  return element as XmlElement;
}
