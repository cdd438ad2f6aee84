import { EwsAbortError, EwsAuthError, EwsInvalidArgumentError } from '@ews/core';

/** Bad options given to createNtlmAuth (found before anything was sent). */
export function invalidArgument(message: string): EwsInvalidArgumentError {
  return new EwsInvalidArgumentError(`createNtlmAuth: ${message}`);
}

/** Throws when the call's signal has aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new EwsAbortError('The operation was aborted', { cause: signal.reason });
}

/** The server's NTLM answer could not be used. Never carries credentials. */
export function authFailed(
  message: string,
  operation: string,
  offeredSchemes: readonly string[],
): EwsAuthError {
  return new EwsAuthError(message, { operation, offeredSchemes, attemptedScheme: 'NTLM' });
}
