import { request as httpsRequest } from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { deadlineMs, EwsInvalidArgumentError, NO_DEADLINE, positiveInteger } from '@ews/core';

export interface HttpsNetworkClientOptions {
  /** Extra trusted CA certificates (PEM), e.g. a corporate TLS-inspection CA or a test identity server's. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[] | undefined;
  /**
   * Give up on one identity request after this long (no socket activity). Default 30 s.
   * Milliseconds above 0 up to 2^31 − 1, or `NO_DEADLINE` (from @ews/core) for none; 0, negatives
   * and NaN are refused (0 meant "no timeout" to Node).
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Largest response body accepted from the identity provider. Default 1 MiB. A whole number of
   * at least 1 (NaN meant "no limit").
   */
  readonly maxResponseBytes?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * An MSAL network module on node:https, for identity endpoints whose certificate Node does
 * not trust by default. Only https URLs are accepted: token requests carry secrets.
 */
export function createHttpsNetworkClient(options: HttpsNetworkClientOptions = {}): INetworkModule {
  const timeoutMs = deadlineMs('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const maxBytes = positiveInteger(
    'maxResponseBytes',
    options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  );
  // Node's `timeout: 0` is "none"; NO_DEADLINE leaves the option out instead.
  const socketTimeout = timeoutMs === NO_DEADLINE ? undefined : Math.ceil(timeoutMs);
  const ca = options.ca === undefined ? undefined : [options.ca].flat();

  function send<T>(
    method: 'GET' | 'POST',
    url: string,
    init: NetworkRequestOptions | undefined,
    timeout: number | undefined,
  ): Promise<NetworkResponse<T>> {
    const target = new URL(url);
    if (target.protocol !== 'https:') {
      return Promise.reject(new EwsInvalidArgumentError('Identity endpoints must use https'));
    }
    const body = method === 'POST' ? (init?.body ?? '') : undefined;
    const headers: Record<string, string> = { ...init?.headers };
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<NetworkResponse<T>>((resolve, reject) => {
      const req = httpsRequest(
        target,
        {
          method,
          headers,
          ...(ca ? { ca } : {}),
          ...(timeout !== undefined || socketTimeout !== undefined
            ? { timeout: timeout ?? socketTimeout }
            : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              req.destroy(new Error(`Identity response larger than ${maxBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              headers: flattenHeaders(res.headers),
              body: parseJson(text) as T,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`Identity request timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    sendGetRequestAsync: (url, init, timeout) => send('GET', url, init, timeout),
    sendPostRequestAsync: (url, init) => send('POST', url, init, undefined),
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

// MSAL reads error JSON off failed answers too; a non-JSON body becomes an empty object.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
