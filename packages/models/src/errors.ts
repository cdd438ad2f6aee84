import { EwsError } from '@ews/core';

/**
 * Bad input found before anything was sent. Built on the EwsError base (code
 * EWS_INVALID_ARGUMENT) because @ews/core does not export its subclass yet.
 */
export function invalidArgument(message: string, cause?: unknown): EwsError {
  return new EwsError('EWS_INVALID_ARGUMENT', message, {
    requestFate: 'not-sent',
    ...(cause === undefined ? {} : { cause }),
  });
}

/** A server response that cannot be understood (malformed value, wrong root element). */
export function protocolError(message: string, cause?: unknown): EwsError {
  return new EwsError('EWS_PROTOCOL', message, cause === undefined ? {} : { cause });
}
