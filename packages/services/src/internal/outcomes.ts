import { EwsProtocolError, type EwsResponse, type ResponseMessage, responseMessageError } from '@ews/core';
import type { Outcome } from './messages.js';

/**
 * One outcome per ResponseMessage of a batched answer, in request order: an Error message is its
 * typed error (`EwsResponseError`), a Success or Warning is handed to `read`. Partial success stays
 * data; only what `read` throws ends the whole answer.
 */
export function readOutcomes<T>(
  response: EwsResponse,
  operation: string,
  read: (message: ResponseMessage) => Outcome<T>,
): readonly Outcome<T>[] {
  return response.messages.map(
    (message): Outcome<T> =>
      message.responseClass === 'Error'
        ? { ok: false, error: responseMessageError(message, operation) }
        : read(message),
  );
}

/** A success that lacks what it must carry: that entry alone fails, as a protocol error. */
export function protocolFailure(operation: string, text: string): Outcome<never> {
  return { ok: false, error: new EwsProtocolError(text, { operation }) };
}
