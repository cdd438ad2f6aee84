import { EwsAuthError } from '@ews/core';

/** Known GSSAPI failure texts and what to do about them (MIT krb5 and Heimdal wording). */
const GSS_FAILURE_HINTS: readonly (readonly [RegExp, string])[] = [
  [
    /no credentials were supplied|no kerberos credentials|credentials cache|cannot find mechanisms to negotiate/i,
    'no usable Kerberos credentials: run kinit (the ticket cache comes from KRB5CCNAME) or set KRB5_CLIENT_KTNAME to a client keytab',
  ],
  [
    /not found in kerberos database/i,
    'the KDC does not know the service principal: set the spn option (e.g. HTTP@mail.example.com) or use the host name registered for the server',
  ],
  [
    /cannot contact any kdc|cannot find kdc|cannot resolve/i,
    'no KDC is reachable for the realm: check krb5.conf (KRB5_CONFIG) and the network',
  ],
  [/clock skew/i, 'the clocks of this machine and the KDC or server differ too much'],
  [/ticket expired/i, 'the Kerberos ticket expired: renew it with kinit'],
];

/** The addon's error text, which names the GSS status but never a password or token. */
export function gssMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A hint for a GSSAPI failure, or undefined when the text is not one we know. */
export function hintFor(message: string): string | undefined {
  return GSS_FAILURE_HINTS.find(([pattern]) => pattern.test(message))?.[1];
}

/** EwsAuthError for a Kerberos context that could not produce a token for `spn`. */
export function kerberosFailure(
  spn: string,
  error: unknown,
  offeredSchemes: readonly string[],
  operation: string,
): EwsAuthError {
  const message = gssMessage(error);
  const hint = hintFor(message);
  return new EwsAuthError(
    `Kerberos could not authenticate to ${spn}: ${message}${hint ? ` (${hint})` : ''}. ` +
      `The server offers: ${offeredSchemes.join(', ') || 'no scheme'}.`,
    { cause: error, offeredSchemes, attemptedScheme: 'Negotiate', operation },
  );
}
