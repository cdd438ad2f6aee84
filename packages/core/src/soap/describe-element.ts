import type { XmlNode } from '../xml/parse.js';
import { MAX_SERVER_NAME_LENGTH } from './server-text.js';

/** `local` of `local` or of an expanded name `{uri}local`. */
export function localNameOf(node: XmlNode): string {
  const { name } = node;
  return name.charCodeAt(0) === 0x7b /* { */ ? name.slice(name.lastIndexOf('}') + 1) : name;
}

/**
 * `<Body> in namespace http://…` or `<Body> in no namespace`, for error messages: the server's
 * names bounded, so a huge URI does not make a huge message.
 */
export function describeElement(node: XmlNode): string {
  const local = localNameOf(node).slice(0, MAX_SERVER_NAME_LENGTH);
  const where =
    node.namespace === ''
      ? 'in no namespace'
      : `in namespace ${node.namespace.slice(0, MAX_SERVER_NAME_LENGTH)}`;
  return `<${local}> ${where}`;
}

/** `<Name>` for an element read under its local name, else as describeElement says. */
export function elementLabel(node: XmlNode): string {
  return node.name.charCodeAt(0) === 0x7b /* { */ ? describeElement(node) : `<${node.name}>`;
}
