import type { MessageXml } from '../errors/response-error.js';
import type { XmlNode } from '../xml/parse.js';

/**
 * Flattens `m:MessageXml` (or a fault's `t:MessageXml`) into name → text. Exchange writes
 * `<t:Value Name="BackOffMilliseconds">297749</t:Value>` pairs, and for schema errors plain
 * elements (`<t:LineNumber>`, `<t:Violation>`); both read as entries. An element with no text
 * (e.g. `<t:FieldURI FieldURI="item:Subject"/>`) reads as its attribute values.
 */
export function readMessageXml(node: XmlNode | undefined): MessageXml | undefined {
  if (!node || node.children.length === 0) return undefined;
  const entries: Record<string, string> = Object.create(null);
  for (const element of node.children) {
    const name = element.name === 'Value' ? element.attributes.Name : element.name;
    if (name === undefined || name === '') continue;
    const value = detailValue(element);
    // Repeated names (several FieldURIs) are kept, comma separated.
    entries[name] = entries[name] === undefined ? value : `${entries[name]}, ${value}`;
  }
  return Object.keys(entries).length === 0 ? undefined : entries;
}

/** `(Name: value, Other: value)` for error messages, or '' when there is nothing to add. */
export function formatMessageXml(messageXml: MessageXml | undefined): string {
  if (!messageXml) return '';
  const parts = Object.entries(messageXml).map(([name, value]) => `${name}: ${shorten(value)}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** Keeps error messages one readable line even if the server sends long details. */
function shorten(value: string): string {
  return value.length <= MAX_VALUE_LENGTH ? value : `${value.slice(0, MAX_VALUE_LENGTH - 1)}…`;
}

const MAX_VALUE_LENGTH = 200;

function detailValue(element: XmlNode): string {
  const text = element.text.trim();
  if (text !== '') return text;
  const attributes = Object.entries(element.attributes).filter(([name]) => name !== 'Name');
  if (attributes.length === 1 && attributes[0]) return attributes[0][1];
  if (attributes.length > 1) return attributes.map(([name, value]) => `${name}=${value}`).join(' ');
  // Nested elements (rare): their texts in order.
  return element.children
    .map(detailValue)
    .filter((value) => value !== '')
    .join(' ');
}
