import { type EwsError, EwsInvalidArgumentError, EwsProtocolError } from '@ews/core';

/** Bad input found before anything was sent. */
export function invalidArgument(message: string, cause?: unknown): EwsError {
  return new EwsInvalidArgumentError(message, cause === undefined ? {} : { cause });
}

/** A server response that cannot be understood (malformed value, wrong root element). */
export function protocolError(message: string, cause?: unknown): EwsError {
  return new EwsProtocolError(message, cause === undefined ? {} : { cause });
}
