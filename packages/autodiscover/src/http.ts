import {
  type AuthStrategy,
  authPolicy,
  createPipeline,
  createUndiciTransport,
  type EwsHttpResponse,
  type Logger,
  loggingPolicy,
  type Policy,
  type TlsOptions,
  type Transport,
  type UndiciTransportOptions,
} from '@ews/core';

/** How discovery reaches the network: your own core Transport, or options for a new undici one. */
export type AutodiscoverTransportOption = Transport | Omit<UndiciTransportOptions, 'tls' | 'logger'>;

export interface AutodiscoverHttpOptions {
  readonly auth?: AuthStrategy | undefined;
  readonly transport?: AutodiscoverTransportOption | undefined;
  readonly tls?: TlsOptions | undefined;
  readonly logger: Logger;
}

/**
 * Authenticated POSTs to endpoints, unauthenticated GETs for the HTTP redirect step. Both ask
 * for a 2xx body as it arrives (`bodyStream`), so the caller can cut an oversized one off.
 */
export interface AutodiscoverHttp {
  post(
    url: URL,
    operation: string,
    body: string,
    headers: Readonly<Record<string, string>>,
    signal: AbortSignal,
  ): Promise<EwsHttpResponse>;
  /** Never carries credentials: the HTTP redirect step goes over plain http. */
  get(url: URL, signal: AbortSignal): Promise<EwsHttpResponse>;
  close(): Promise<void>;
}

function isTransport(value: unknown): value is Transport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Transport).send === 'function' &&
    typeof (value as Transport).lease === 'function'
  );
}

/**
 * Core's auth and logging policies over a transport (created lazily, closed only if ours).
 * The auth strategy is the caller's: it is not disposed here, since the app usually hands
 * the same strategy to its EwsClient next.
 */
export function createAutodiscoverHttp(options: AutodiscoverHttpOptions): AutodiscoverHttp {
  const supplied = isTransport(options.transport) ? options.transport : undefined;
  // A strategy that keeps state per socket (NTLM) forgets a socket when it closes, as in EwsClient.
  const auth = options.auth;
  const listenForCloses = (transport: Transport): (() => void) =>
    auth?.onConnectionClosed && transport.addConnectionClosedListener
      ? transport.addConnectionClosedListener((connection) => {
          try {
            auth.onConnectionClosed?.(connection);
          } catch {
            // A strategy's throw is swallowed, as in EwsClient.
          }
        })
      : () => {};
  const unsubscribe = supplied ? listenForCloses(supplied) : () => {};
  let own: Transport | undefined;
  const transport = (): Transport => {
    if (supplied) return supplied;
    if (own === undefined) {
      own = createUndiciTransport({
        ...(isTransport(options.transport) ? {} : options.transport),
        tls: options.auth?.tls ? { ...options.tls, ...options.auth.tls } : options.tls,
        logger: options.logger,
      });
      listenForCloses(own);
    }
    return own;
  };
  // Lazy so that constructing an Autodiscover opens nothing. createPipeline's last step sends a
  // leased request (connection-bound auth) through its lease and gives each answer a way to mask
  // what its request carried (Authorization, cookies): a server page may echo them.
  const lazyTransport: Transport = {
    send: (request) => transport().send(request),
    lease: (origin, signal) => transport().lease(origin, signal),
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
  const policies: Policy[] = [];
  if (options.auth)
    policies.push(authPolicy({ strategy: options.auth, transport: lazyTransport, logger: options.logger }));
  policies.push(loggingPolicy({ logger: options.logger }));
  const pipeline = createPipeline({ policies, transport: lazyTransport });

  return {
    post: (url, operation, body, headers, signal) =>
      pipeline.send({ url, method: 'POST', headers, body, operation, signal, streamResponse: true }),
    get: (url, signal) =>
      transport().send({
        url,
        method: 'GET',
        headers: {},
        operation: 'AutodiscoverRedirect',
        signal,
        streamResponse: true,
      }),
    async close() {
      // A transport of yours outlives discovery: it must stop calling the strategy.
      unsubscribe();
      if (own) await own.close();
    },
  };
}
