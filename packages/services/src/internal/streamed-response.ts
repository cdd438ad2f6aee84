import { decodeSoapResponse, type EwsResponse } from '@ews/core';

/**
 * A SOAP answer read from a stream (`sendStream`), decoded into the EwsResponse `send` would give.
 * `serverVersion` stays undefined: a streamed call does not note the server's version.
 */
export function decodeStreamedResponse(text: string, operation: string, status = 200): EwsResponse {
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
  return decodeStreamedResponse(Buffer.concat(parts).toString('utf8'), operation);
}
