import { EwsProtocolError, type EwsResponse, type ResponseMessage, responseMessageError } from '@ews/core';
import type { Outcome } from './messages.js';

/**
 * One outcome per ResponseMessage of a batched answer, in request order: an Error message is its
 * typed error (`EwsResponseError`), a Success or Warning is handed to `read`. Partial success stays
 * data: a message `read` finds malformed (an EwsProtocolError, e.g. a boolean that is not one)
 * fails that entry alone; anything else `read` throws ends the whole answer.
 */
export function readOutcomes<T>(
  response: EwsResponse,
  operation: string,
  read: (message: ResponseMessage) => Outcome<T>,
): readonly Outcome<T>[] {
  return response.messages.map((message): Outcome<T> => {
    if (message.responseClass === 'Error')
      return { ok: false, error: responseMessageError(message, operation) };
    try {
      return read(message);
    } catch (error) {
      if (error instanceof EwsProtocolError) return { ok: false, error };
      throw error;
    }
  });
}

/** A success that lacks what it must carry: that entry alone fails, as a protocol error. */
export function protocolFailure(operation: string, text: string): Outcome<never> {
  return { ok: false, error: new EwsProtocolError(text, { operation }) };
}
