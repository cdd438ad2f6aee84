import type { MessageXml } from '../errors/response-error.js';
import type { XmlNode } from '../xml/parse.js';
import { boundedServerText, MAX_SERVER_NAME_LENGTH, MAX_SERVER_TEXT_LENGTH } from './server-text.js';

/** The most entries a MessageXml keeps (Exchange sends one to a handful). */
export const MAX_MESSAGE_XML_ENTRIES = 32;

/**
 * Flattens `m:MessageXml` (or a fault's `t:MessageXml`) into name → text. Exchange writes
 * `<t:Value Name="BackOffMilliseconds">297749</t:Value>` pairs, and for schema errors plain
 * elements (`<t:LineNumber>`, `<t:Violation>`); both read as entries. An element with no text
 * (e.g. `<t:FieldURI FieldURI="item:Subject"/>`) reads as its attribute values. MessageXml's
 * content is xs:any (lax): an element of a foreign namespace is skipped, not made an entry.
 * Bounded: at most MAX_MESSAGE_XML_ENTRIES entries, names and values bounded like every server text.
 */
export function readMessageXml(node: XmlNode | undefined): MessageXml | undefined {
  if (!node || node.children.length === 0) return undefined;
  const entries: Record<string, string> = Object.create(null);
  let count = 0;
  for (const element of node.children) {
    if (isForeign(element.name)) continue;
    const rawName = element.name === 'Value' ? element.attributes.Name : element.name;
    if (rawName === undefined || rawName === '') continue;
    const name = boundedServerText(rawName, MAX_SERVER_NAME_LENGTH);
    const existing = entries[name];
    if (existing === undefined && count === MAX_MESSAGE_XML_ENTRIES) break;
    if (existing !== undefined && existing.length >= MAX_SERVER_TEXT_LENGTH) continue;
    const value = detailValue(element);
    // Repeated names (several FieldURIs) are kept, comma separated.
    entries[name] = existing === undefined ? value : boundedServerText(`${existing}, ${value}`);
    if (existing === undefined) count++;
  }
  return count === 0 ? undefined : entries;
}

/** Whether an element or attribute name is `{uri}local`: not of EWS's namespaces, not read. */
function isForeign(name: string): boolean {
  return name.charCodeAt(0) === 0x7b; /* { */
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

/** The element's text, else its attributes, else (nested elements, rare) its children's values. */
function detailValue(element: XmlNode): string {
  const own = ownValue(element);
  return own === undefined ? nestedValues(element) : own;
}

/** Text, else attribute values (bounded); undefined for an element with neither. */
function ownValue(element: XmlNode): string | undefined {
  const text = element.text.trim();
  if (text !== '') return boundedServerText(text);
  const attributes = Object.entries(element.attributes).filter(
    ([name]) => name !== 'Name' && !isForeign(name),
  );
  if (attributes.length === 1 && attributes[0]) return boundedServerText(attributes[0][1]);
  if (attributes.length > 1)
    return boundedServerText(attributes.map(([name, value]) => `${name}=${value}`).join(' '));
  return undefined;
}

/**
 * The own values of the descendants in document order (an element with none stands for its
 * children), walked without recursion and no further than MAX_SERVER_TEXT_LENGTH characters.
 */
function nestedValues(element: XmlNode): string {
  const values: string[] = [];
  let length = 0;
  const stack: XmlNode[] = [...element.children].reverse();
  while (stack.length > 0 && length <= MAX_SERVER_TEXT_LENGTH) {
    const node = stack.pop() as XmlNode;
    if (isForeign(node.name)) continue;
    const value = ownValue(node);
    if (value !== undefined) {
      values.push(value);
      length += value.length + 1;
    } else {
      for (let index = node.children.length - 1; index >= 0; index--)
        stack.push(node.children[index] as XmlNode);
    }
  }
  return boundedServerText(values.join(' '));
}
