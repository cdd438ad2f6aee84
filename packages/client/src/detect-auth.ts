import {
  createUndiciTransport,
  type DetectedAuthType,
  detectAuthType,
  EwsAuthError,
  SOAP_CONTENT_TYPE,
  type TlsOptions,
} from '@ews/core';

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
      throw new EwsAuthError(
        `Could not tell the auth type from the server's answer (HTTP ${response.status}); set Configuration.authType`,
        { operation: 'DetectAuthType' },
      );
    }
    return detected;
  } finally {
    await transport.close();
  }
}
