import {
  DEFAULT_READER_LIMITS,
  decodeSoapResponse,
  EwsProtocolError,
  type EwsResponse,
  type ReaderLimits,
  readerLimitError,
  StrictUtf8Decoder,
} from '@ews/core';

/**
 * A SOAP answer's text (read from a stream, `sendStream`, or written by a test), decoded into the
 * EwsResponse `send` would give, within the client's reader limits. `serverVersion` stays
 * undefined: the text's header is not read.
 */
export function decodeResponseText(
  text: string,
  operation: string,
  status = 200,
  limits: ReaderLimits = DEFAULT_READER_LIMITS,
): EwsResponse {
  const decoded = decodeSoapResponse(text, operation, { limits });
  return {
    operation,
    status,
    serverVersion: undefined,
    messages: decoded.messages,
    node: decoded.responseNode,
  };
}

/**
 * The body Exchange POSTs to a push subscription's callback URL (`<m:SendNotification>`), decoded
 * as an answer is: its envelope, namespaces and SendNotificationResponseMessages checked as
 * messages.xsd has them. SendNotification belongs to NotificationService's WSDL, not to
 * services.wsdl, so its element is named here. A SOAP Fault is no notification (EWS_PROTOCOL).
 */
export function decodeSendNotification(text: string): EwsResponse {
  const operation = 'SendNotification';
  const decoded = decodeSoapResponse(text, operation, { responseElement: 'SendNotification' });
  if (decoded.fault !== undefined)
    throw new EwsProtocolError('Expected a SendNotification request, got a SOAP Fault', { operation });
  return {
    operation,
    status: 200,
    serverVersion: undefined,
    messages: decoded.messages,
    node: decoded.responseNode,
  };
}

/**
 * A small streamed answer read whole, then decoded like `send` would: UTF-8 only (anything else
 * is EWS_PROTOCOL, never U+FFFD), and no more than `maxResponseBytes` held, as for `send`.
 */
export async function readWholeResponse(
  body: AsyncIterable<Uint8Array>,
  operation: string,
  limits: ReaderLimits = DEFAULT_READER_LIMITS,
): Promise<EwsResponse> {
  const decoder = new StrictUtf8Decoder(operation);
  const parts: string[] = [];
  let bytes = 0;
  for await (const part of body) {
    bytes += part.byteLength;
    if (bytes > limits.maxResponseBytes) throw readerLimitError('maxResponseBytes', limits, operation);
    parts.push(decoder.decode(part, true));
  }
  parts.push(decoder.end());
  return decodeResponseText(parts.join(''), operation, 200, limits);
}
