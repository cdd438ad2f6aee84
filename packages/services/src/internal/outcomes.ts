import {
  EwsProtocolError,
  type EwsResponse,
  EwsResponseError,
  nonNegativeInteger,
  type ResponseMessage,
  responseMessageError,
} from '@ews/core';
import type { Outcome } from '../outcome.js';

/**
 * The most entries one request may name, for the readers' `sent` counts: far above what any
 * request holds (bulk verbs send 100 by default), so a larger count is a caller's slip — refused
 * rather than answered with that many failed entries.
 */
export const MAX_ENTRIES_PER_REQUEST = 1_000_000;

/**
 * The error every entry of a request gets when the answer does not hold one message per entry:
 * which message belongs to which entry cannot be known, and the server may have acted on some of
 * them, so the fate of each is unknown.
 */
export function countMismatchError(operation: string, sent: number, received: number): EwsProtocolError {
  return new EwsProtocolError(
    `${operation}: ${sent} ${sent === 1 ? 'entry' : 'entries'} sent, ${received} ${received === 1 ? 'answer' : 'answers'} received`,
    { operation, requestFate: 'unknown' },
  );
}

/** `sent` outcomes, each failed with the same count-mismatch error. */
export function allFailed<T>(operation: string, sent: number, received: number): Outcome<T>[] {
  const error = countMismatchError(operation, sent, received);
  return Array.from({ length: sent }, (): Outcome<T> => ({ ok: false, error }));
}

/**
 * One outcome per request entry, in request order, from the ResponseMessages of a batched answer.
 * `sent` (how many entries the request named) is required: messages are paired with entries by
 * position only when there is exactly one per entry; any other count fails every entry with
 * "N entries sent, M answers received" (EWS_PROTOCOL, fate unknown) instead of shifting results
 * onto other entries.
 *
 * An Error message is its typed error (`EwsResponseError`); a Warning ("a request that was not
 * processed", e.g. ErrorBatchProcessingStopped) is its typed error with fate `not-executed`; a
 * Success is handed to `read`. Partial success stays data: a message `read` finds malformed (an
 * EwsProtocolError, e.g. an item without its ItemId) fails that entry alone, with fate `executed`
 * (the server said it did it); anything else `read` throws ends the whole answer.
 */
export function readOutcomes<T>(
  response: EwsResponse,
  operation: string,
  sent: number,
  /** Reads entry `index`'s Success message (the count matched, so positions pair). */
  read: (message: ResponseMessage, index: number) => Outcome<T>,
): readonly Outcome<T>[] {
  nonNegativeInteger('sent', sent, { max: MAX_ENTRIES_PER_REQUEST });
  const { messages } = response;
  if (messages.length !== sent) return allFailed(operation, sent, messages.length);
  return messages.map((message, index): Outcome<T> => {
    if (message.responseClass === 'Error')
      return { ok: false, error: responseMessageError(message, operation) };
    if (message.responseClass === 'Warning')
      return { ok: false, error: notProcessedError(message, operation) };
    try {
      return read(message, index);
    } catch (error) {
      if (error instanceof EwsProtocolError)
        return { ok: false, error: executedProtocolError(error, operation) };
      throw error;
    }
  });
}

/**
 * The messages of an answer read as a whole (a FindItem over several folders: one page per folder),
 * one per entry sent, or the count-mismatch error thrown: a page is never paired with another
 * folder.
 */
export function pairedMessages(response: EwsResponse, sent: number): readonly ResponseMessage[] {
  nonNegativeInteger('sent', sent, { max: MAX_ENTRIES_PER_REQUEST });
  const { messages, operation } = response;
  if (messages.length !== sent) throw countMismatchError(operation, sent, messages.length);
  return messages;
}

/** A success that lacks what it must carry: that entry alone fails, as a protocol error. */
export function protocolFailure(operation: string, text: string): Outcome<never> {
  return { ok: false, error: new EwsProtocolError(text, { operation, requestFate: 'executed' }) };
}

/** A Warning message's error: the server says it did not process the entry. */
function notProcessedError(message: ResponseMessage, operation: string): EwsResponseError {
  const base = responseMessageError(message, operation);
  return new EwsResponseError(base.message, {
    operation,
    requestFate: 'not-executed',
    responseCode: base.responseCode,
    responseClass: 'Warning',
    messageText: base.messageText,
    descriptiveLinkKey: base.descriptiveLinkKey,
    messageXml: base.messageXml,
    index: base.index,
  });
}

/** A protocol error found in a Success message: the entry was executed, its answer is unusable. */
function executedProtocolError(error: EwsProtocolError, operation: string): EwsProtocolError {
  if (error.requestFate !== undefined) return error;
  return new EwsProtocolError(error.message, {
    operation: error.operation ?? operation,
    requestFate: 'executed',
    cause: error.cause,
  });
}
