import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { EwsHttpRequest, EwsHttpResponse } from '../pipeline/http.js';
import type { ResolvedProxy } from './proxy-config.js';
import { ResponseCollector } from './response-collector.js';
import { abortError, toEwsTransportError } from './transport-errors.js';

/** How to reach one target: which origin the dispatcher talks to, and any forward proxy. */
export interface Route {
  readonly target: URL;
  /** The origin undici connects to: the target, or the forward proxy for plain-http targets. */
  readonly origin: URL;
  /** Set for plain http through an HTTP proxy: absolute-form request line, Proxy-Authorization. */
  readonly forward: ResolvedProxy | undefined;
  /** Set for https through a proxy: the socket is a CONNECT tunnel. */
  readonly tunnel: ResolvedProxy | undefined;
}

export interface ExchangeDefaults {
  readonly userAgent: string;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
}

/** Sends one request through `dispatcher` and buffers the answer; honours the request's signal. */
export function exchange(
  dispatcher: Dispatcher,
  route: Route,
  request: EwsHttpRequest,
  defaults: ExchangeDefaults,
): Promise<EwsHttpResponse> {
  const { signal, operation } = request;
  if (signal.aborted) return Promise.reject(abortError(signal, operation, false));

  return new Promise<EwsHttpResponse>((resolve, reject) => {
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      return true;
    };
    const collector = new ResponseCollector({
      resolve: (response) => {
        if (settle()) resolve(response);
      },
      reject: (error, dispatched) => {
        if (settle()) reject(toEwsTransportError(error, { url: request.url, operation, dispatched }));
      },
      // Once a streamed body is handed over, its own abort listener and errors take over.
      streamBody: request.streamResponse
        ? {
            signal,
            toError: (error) => toEwsTransportError(error, { url: request.url, operation, dispatched: true }),
            abortError: () => abortError(signal, operation, true),
          }
        : undefined,
      maxBodyBytes: request.maxResponseBytes,
      operation,
    });
    const onAbort = (): void => {
      // Settle first: undici reports the abort to the collector synchronously.
      if (settle()) reject(abortError(signal, operation, collector.dispatched));
      collector.abort(new Error('Aborted by the caller'));
    };
    signal.addEventListener('abort', onAbort, { once: true });

    try {
      dispatcher.dispatch(dispatchOptions(route, request, defaults), collector as Dispatcher.DispatchHandler);
    } catch (error) {
      if (settle()) reject(toEwsTransportError(error, { url: request.url, operation, dispatched: false }));
    }
  });
}

function dispatchOptions(
  route: Route,
  request: EwsHttpRequest,
  defaults: ExchangeDefaults,
): Dispatcher.DispatchOptions {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers['user-agent'] ??= defaults.userAgent;
  const target = request.url;
  let path = `${target.pathname}${target.search}`;
  if (route.forward) {
    // A forward proxy needs the absolute URL and the real Host; it reads its own credentials.
    path = `${target.origin}${path}`;
    headers.host = target.host;
    if (route.forward.authorization) headers['proxy-authorization'] = route.forward.authorization;
  }
  return {
    origin: route.origin.origin,
    path,
    method: request.method,
    headers,
    body: requestBody(request),
    headersTimeout: request.headersTimeoutMs ?? defaults.headersTimeoutMs,
    bodyTimeout: request.bodyTimeoutMs ?? defaults.bodyTimeoutMs,
  };
}

/** A streamed body is opened anew for each attempt; undici writes it as the socket drains. */
function requestBody(request: EwsHttpRequest): Readable | Buffer | null {
  if (request.bodyStream) return Readable.from(request.bodyStream(), { objectMode: false });
  return request.body === undefined ? null : Buffer.from(request.body, 'utf8');
}
