import { type EwsHttpResponse, EwsProtocolError, headerValues } from '@ews/core';
import { untilAborted } from './step-deadline.js';

/** The refusal of an answer larger than the limit, naming the limit. */
export function tooLarge(limit: number, operation: string): EwsProtocolError {
  return new EwsProtocolError(
    `the answer is larger than maxResponseBytes (${limit} bytes); it was not read further`,
    { operation },
  );
}

/**
 * An answer's body as text, read piece by piece and refused (EwsProtocolError naming the limit)
 * as soon as it passes `limit` bytes, so an oversized answer is cut off rather than held whole.
 * A declared Content-Length above the limit is refused before anything is read. A body a
 * transport already buffered (no `bodyStream`) is held to the same limit. Invalid UTF-8 is
 * refused, never replaced.
 */
export async function readBoundedBody(
  response: EwsHttpResponse,
  limit: number,
  operation: string,
  signal: AbortSignal,
): Promise<string> {
  const declared = declaredLength(response);
  if (declared !== undefined && declared > limit) {
    discardBody(response);
    throw tooLarge(limit, operation);
  }
  if (response.bodyStream === undefined) {
    // A UTF-8 byte count is never below the UTF-16 length: test the cheap bound first.
    if (response.body.length > limit || Buffer.byteLength(response.body, 'utf8') > limit) {
      throw tooLarge(limit, operation);
    }
    return response.body;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const iterator = response.bodyStream[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      const next = await untilAborted(() => iterator.next(), signal);
      if (next.done) {
        done = true;
        break;
      }
      total += next.value.byteLength;
      if (total > limit) throw tooLarge(limit, operation);
      chunks.push(next.value);
    }
  } finally {
    // Leaving early stops the exchange: nothing more is read from the socket.
    if (!done) void iterator.return?.()?.catch(() => undefined);
  }
  return decodeUtf8(Buffer.concat(chunks, total), operation);
}

/**
 * The Content-Length the server declared, when it is one (RFC 9110: digits only); anything else
 * (`0x10`, `1e9`, ` `) declares nothing, and the body is still held to the limit while it is read.
 */
function declaredLength(response: EwsHttpResponse): number | undefined {
  const text = headerValues(response, 'content-length')[0]?.trim() ?? '';
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/**
 * Stops a streamed body nobody needs (the HTTP redirect step reads only the status and Location).
 * The loop is entered, then left: that runs the stream's clean-up (a wrapper that hands a leased
 * connection back does so only once it has started). Not awaited: at most one chunk is waited for.
 */
export function discardBody(response: EwsHttpResponse): void {
  const stream = response.bodyStream;
  if (stream === undefined) return;
  void (async () => {
    for await (const _chunk of stream) break;
  })().catch(() => undefined);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array, operation: string): string {
  try {
    return UTF8.decode(bytes);
  } catch (error) {
    throw new EwsProtocolError('the answer is not valid UTF-8', { operation, cause: error });
  }
}
