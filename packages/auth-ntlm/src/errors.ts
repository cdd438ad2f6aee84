import { EwsError } from '@ews/core';

/** Bad options given to createNtlmAuth (found before anything was sent). */
export function invalidArgument(message: string): EwsError {
  return new EwsError('EWS_INVALID_ARGUMENT', `createNtlmAuth: ${message}`);
}

/** Throws when the call's signal has aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted)
    throw new EwsError('EWS_ABORTED', 'The operation was aborted', { cause: signal.reason });
}

/** The server's NTLM answer could not be used. Never carries credentials. */
export function authFailed(message: string, operation: string): EwsError {
  return new EwsError('EWS_AUTH', message, { operation, requestFate: 'not-executed' });
}
