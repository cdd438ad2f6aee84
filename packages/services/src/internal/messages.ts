import {
  child,
  EwsProtocolError,
  type EwsResponse,
  type ResponseMessage,
  responseMessageError,
} from '@ews/core';
import type { Outcome } from '../outcome.js';

/** The message, or its typed error when the server answered Error for it. */
export function checkMessage(message: ResponseMessage, operation: string): ResponseMessage {
  if (message.responseClass === 'Error') throw responseMessageError(message, operation);
  return message;
}

/**
 * The single ResponseMessage of a one-target call (one folder, one subscription, one page),
 * thrown as an error when it is one. An answer with no message or with several is refused
 * (EWS_PROTOCOL, fate unknown): which of several would be ours cannot be known.
 */
export function onlyMessage(response: EwsResponse): ResponseMessage {
  return checkMessage(soleMessage(response), response.operation);
}

/** Like onlyMessage, with an Error message returned as it is (for readers that read some errors as data). */
export function soleMessage(response: EwsResponse): ResponseMessage {
  const { messages, operation } = response;
  const [message] = messages;
  if (!message || messages.length !== 1) {
    throw new EwsProtocolError(`${operation}: 1 entry sent, ${messages.length} answers received`, {
      operation,
      requestFate: 'unknown',
    });
  }
  return message;
}

/**
 * Every ResponseMessage of an answer whose message count the request does not fix (GetDelegate
 * without user ids answers one per delegate; a GetStreamingEvents document one per batch). Its
 * readers check what each message must carry instead. The count still has the schema's floor:
 * m:ArrayOfResponseMessagesType (and GetDelegate's ArrayOfDelegateUserResponseMessageType) holds
 * at least one message, so an empty `<m:ResponseMessages/>` is a broken answer (EWS_PROTOCOL),
 * never "nothing happened". `list`: `required` where the schema requires the ResponseMessages
 * element (BaseResponseMessageType), `optional` where it may be left out (GetDelegate without
 * delegates) but, when there, is not empty.
 */
export function everyMessage(
  response: EwsResponse,
  list: 'required' | 'optional',
): readonly ResponseMessage[] {
  const { messages, operation } = response;
  if (messages.length > 0) return messages;
  if (list === 'optional' && child(response.node, 'ResponseMessages') === undefined) return messages;
  throw new EwsProtocolError(`${operation} answered no ResponseMessage; the schema requires at least one`, {
    operation,
    requestFate: 'unknown',
  });
}

/**
 * The value of a call made for one target (one item, folder, attachment), or its error thrown.
 * Anything but exactly one outcome is refused (EWS_PROTOCOL, fate unknown).
 */
export function onlyOutcome<T>(outcomes: readonly Outcome<T>[], operation: string): T {
  const [outcome] = outcomes;
  if (!outcome || outcomes.length !== 1)
    throw new EwsProtocolError(`${operation}: 1 entry sent, ${outcomes.length} answers received`, {
      operation,
      requestFate: 'unknown',
    });
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
