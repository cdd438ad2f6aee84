import { decodeSoapResponse, type EwsResponse } from '@ews/core';

/**
 * A SOAP answer's text (read from a stream, `sendStream`, or written by a test), decoded into the
 * EwsResponse `send` would give. `serverVersion` stays undefined: the text's header is not read.
 */
export function decodeResponseText(text: string, operation: string, status = 200): EwsResponse {
  const decoded = decodeSoapResponse(text, operation);
  return {
    operation,
    status,
    serverVersion: undefined,
    messages: decoded.messages,
    node: decoded.responseNode,
  };
}

/** A small streamed answer read whole (as UTF-8), then decoded like `send` would. */
export async function readWholeResponse(
  body: AsyncIterable<Uint8Array>,
  operation: string,
): Promise<EwsResponse> {
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return decodeResponseText(Buffer.concat(parts).toString('utf8'), operation);
}
