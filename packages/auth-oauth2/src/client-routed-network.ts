import { AsyncLocalStorage } from 'node:async_hooks';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { type EwsHttpResponse, EwsInvalidArgumentError, type SendSideRequest } from '@ews/core';

/**
 * The EwsClient transport of the token request in progress. MSAL calls its network module with
 * no context of ours, so the client's `sideRequest` rides along the async flow of one token
 * acquisition: two clients sharing one credential each send through their own transport.
 */
const clientTransport = new AsyncLocalStorage<SendSideRequest>();

/** Runs one token acquisition so that MSAL's requests in it go through `sideRequest`, when given. */
export function throughClientTransport<T>(
  sideRequest: SendSideRequest | undefined,
  acquire: () => Promise<T>,
): Promise<T> {
  return sideRequest ? clientTransport.run(sideRequest, acquire) : acquire();
}

/**
 * An MSAL network module that sends identity requests through the EwsClient whose call asked for
 * the token (its proxy, TLS options such as a private CA, dispatcher and logger), and through
 * `fallback` when no client call is behind the request (a direct `getToken()`). Only https URLs
 * are accepted: token requests carry secrets.
 */
export function createClientRoutedNetworkClient(fallback: INetworkModule): INetworkModule {
  function send<T>(
    method: 'GET' | 'POST',
    url: string,
    init: NetworkRequestOptions | undefined,
    viaFallback: () => Promise<NetworkResponse<T>>,
  ): Promise<NetworkResponse<T>> {
    const sideRequest = clientTransport.getStore();
    if (!sideRequest) return viaFallback();
    const target = new URL(url);
    if (target.protocol !== 'https:') {
      return Promise.reject(new EwsInvalidArgumentError('Identity endpoints must use https'));
    }
    return sideRequest({
      url: target,
      method,
      headers: { ...init?.headers },
      body: method === 'POST' ? (init?.body ?? '') : undefined,
    }).then((response) => toNetworkResponse<T>(response));
  }
  return {
    sendGetRequestAsync: (url, init, timeout) =>
      send('GET', url, init, () => fallback.sendGetRequestAsync(url, init, timeout)),
    sendPostRequestAsync: (url, init) =>
      send('POST', url, init, () => fallback.sendPostRequestAsync(url, init)),
  };
}

function toNetworkResponse<T>(response: EwsHttpResponse): NetworkResponse<T> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    headers[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return { status: response.status, headers, body: parseJson(response.body) as T };
}

// MSAL reads error JSON off failed answers too; a non-JSON body becomes an empty object.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
