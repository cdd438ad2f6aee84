import { child, EwsProtocolError, type XmlNode } from '@ews/core';

/**
 * The first child of `node` named `name`, which the schema requires there: its absence is
 * EWS_PROTOCOL (fate unknown), never read as "nothing" (an empty page, no folders).
 */
export function requiredChild(node: XmlNode, name: string, operation: string): XmlNode {
  const found = child(node, name);
  if (found === undefined) {
    throw new EwsProtocolError(`${operation}: <${node.name}> has no <${name}>`, {
      operation,
      requestFate: 'unknown',
    });
  }
  return found;
}
