import { EwsAuthError } from '../../errors/error-classes.js';
import { SOAP_CONTENT_TYPE } from '../../soap/envelope.js';
import type { TlsOptions } from '../../transport/tls-options.js';
import { createUndiciTransport } from '../../transport/undici-transport.js';
import { type DetectedAuthType, detectAuthType } from '../detect-auth-type.js';
import { describeOfferedSchemes, offeredSchemes } from '../offered-schemes.js';

/**
 * Asks the server which schemes it offers: one unauthenticated POST (no credentials are sent),
 * answered with 401 and WWW-Authenticate, as exchangelib's auth-type guessing does.
 */
export async function probeAuthType(
  url: URL,
  tls: TlsOptions | undefined,
  signal: AbortSignal,
): Promise<DetectedAuthType> {
  const transport = createUndiciTransport({ connections: 1, ...(tls === undefined ? {} : { tls }) });
  try {
    const response = await transport.send({
      url,
      method: 'POST',
      headers: { 'content-type': SOAP_CONTENT_TYPE },
      body: '',
      operation: 'DetectAuthType',
      signal,
    });
    const detected = detectAuthType(response.status, response.headers);
    if (detected === undefined) {
      const offered = offeredSchemes(response.headers);
      throw new EwsAuthError(
        response.status === 401
          ? `The server at ${url.host} offers ${describeOfferedSchemes(offered)}; a user name and password ` +
              "are sent with Basic, Digest or NTLM only. Set Configuration.authType (e.g. 'kerberos') or " +
              'Configuration.auth, or use OAuth2 credentials.'
          : `Could not tell the auth type from the server's answer (HTTP ${response.status}); set Configuration.authType`,
        { operation: 'DetectAuthType', offeredSchemes: offered },
      );
    }
    return detected;
  } finally {
    await transport.close();
  }
}
