import { AuthError } from '@azure/msal-node';
import { EwsAuthError, EwsError, redactSecrets } from '@ews/core';

/**
 * Turns an MSAL failure into an EwsAuthError that names MSAL's error code and the
 * identity provider's explanation (AADSTS…), with the credential's secrets scrubbed.
 * MSAL's error object is not kept as the cause: it can carry request details.
 */
export function toAuthError(error: unknown, secrets: readonly string[]): EwsError {
  if (EwsError.isInstance(error)) return error;
  let detail: string;
  if (error instanceof AuthError) {
    const sub = error.subError ? ` (${error.subError})` : '';
    detail = `${error.errorCode}${sub}: ${error.errorMessage}`;
  } else {
    detail = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown failure';
  }
  return new EwsAuthError(`Could not get an OAuth2 access token: ${redactSecrets(detail, secrets)}`, {
    attemptedScheme: 'Bearer',
  });
}
