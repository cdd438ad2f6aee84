import { EwsProtocolError, type EwsResponse, type ResponseMessage, responseMessageError } from '@ews/core';

/** The message, or its typed error when the server answered Error for it. */
export function checkMessage(message: ResponseMessage, operation: string): ResponseMessage {
  if (message.responseClass === 'Error') throw responseMessageError(message, operation);
  return message;
}

/** The single ResponseMessage of a one-target call, thrown as an error when it is one. */
export function onlyMessage(response: EwsResponse): ResponseMessage {
  const [message] = response.messages;
  if (!message) {
    throw new EwsProtocolError(`${response.operation}Response has no ResponseMessage`, {
      operation: response.operation,
    });
  }
  return checkMessage(message, response.operation);
}

/** Per-target outcome of a batched call: partial success is data. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: Error };

/** The value of a call made for one target (one item, folder, attachment), or its error thrown. */
export function onlyOutcome<T>(outcomes: readonly Outcome<T>[], operation: string): T {
  const [outcome] = outcomes;
  if (!outcome) throw new EwsProtocolError(`${operation} answered without a ResponseMessage`, { operation });
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
