import type { AuthStrategy } from '../auth/strategy.js';
import { classifyHttpResponse } from '../errors/classify-http-response.js';
import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import type { Logger } from '../logging/logger.js';
import { isIdempotent } from '../operations/idempotency.js';
import type { EwsHttpRequest, EwsHttpResponse } from '../pipeline/http.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { affinityPolicy } from '../pipeline/policies/affinity-policy.js';
import { authPolicy } from '../pipeline/policies/auth-policy.js';
import { loggingPolicy } from '../pipeline/policies/logging-policy.js';
import { requestIdPolicy } from '../pipeline/policies/request-id-policy.js';
import { retryPolicy } from '../pipeline/policies/retry-policy.js';
import { userAgentPolicy } from '../pipeline/policies/user-agent-policy.js';
import type { Policy } from '../pipeline/policy.js';
import { failFast } from '../retry/retry-policy-options.js';
import type { TlsOptions } from '../transport/tls-options.js';
import type { Transport } from '../transport/transport.js';
import { createUndiciTransport } from '../transport/undici-transport.js';
import { DEFAULT_USER_AGENT } from '../version.js';
import type { EwsClientOptions } from './ews-client.js';

export interface ClientPipeline {
  send(request: EwsHttpRequest): Promise<EwsHttpResponse>;
  close(): Promise<void>;
}

/** Resolves the client's options once into a transport and the ordered policies. */
export function createClientPipeline(options: EwsClientOptions, logger: Logger): ClientPipeline {
  const supplied = isTransport(options.transport) ? options.transport : undefined;
  const transportOptions = isTransport(options.transport) ? undefined : options.transport;
  // Checked before anything is opened: a pair that would leak per-socket state is refused.
  if (supplied) refuseUnreportedCloses(options.auth, supplied);
  const transport =
    supplied ??
    createUndiciTransport({
      ...transportOptions,
      tls: mergeTls(options.tls, options.auth?.tls),
      logger,
    });
  // Connection-bound auth forgets a socket's handshake when the socket closes: the same wiring
  // for core's transport and for a Transport of yours.
  const unsubscribe = listenForCloses(options.auth, transport);

  const policies: Policy[] = [
    userAgentPolicy(DEFAULT_USER_AGENT),
    requestIdPolicy(),
    affinityPolicy({}),
    retryPolicy({ retry: options.retry ?? failFast(), classify: classifyHttpResponse, isIdempotent, logger }),
    ...(options.policies ?? []),
  ];
  if (options.auth) {
    policies.push(
      authPolicy({
        strategy: options.auth,
        transport,
        logger,
        allowInsecureHttp: options.allowInsecureHttp,
      }),
    );
  }
  policies.push(loggingPolicy({ logger, trace: options.trace ?? false }));

  // createPipeline sends a leased request through its lease and masks its secrets in the answer.
  const pipeline = createPipeline({ policies, transport });
  return {
    send: (request) => pipeline.send(request),
    async close() {
      // A transport of yours outlives the client: it must stop calling this client's strategy.
      if (supplied) unsubscribe();
      await options.auth?.dispose?.();
      // A transport the caller passed in is theirs to close.
      if (!supplied) await transport.close();
    },
  };
}

/**
 * A strategy that keeps state per socket (it implements onConnectionClosed) needs a transport
 * that reports closed sockets; without one that state grows for the life of the process, so the
 * pair is refused at construction instead.
 */
function refuseUnreportedCloses(auth: AuthStrategy | undefined, transport: Transport): void {
  if (auth?.onConnectionClosed === undefined) return;
  if (typeof transport.addConnectionClosedListener === 'function') return;
  throw new EwsInvalidArgumentError(
    `options.auth (${auth.scheme}) keeps state per connection (it implements onConnectionClosed), but the ` +
      'Transport in options.transport cannot report closed connections (it has no addConnectionClosedListener), ' +
      'so that state would grow for the life of the process. Give your Transport an ' +
      'addConnectionClosedListener(listener) method, or pass transport options instead of a Transport object.',
  );
}

/** Subscribes the strategy to the transport's closed sockets; returns the unsubscribe. */
function listenForCloses(auth: AuthStrategy | undefined, transport: Transport): () => void {
  if (auth?.onConnectionClosed === undefined || !transport.addConnectionClosedListener) return () => {};
  return transport.addConnectionClosedListener((connection) => {
    try {
      auth.onConnectionClosed?.(connection);
    } catch {
      // The contract swallows a strategy's throw, whichever transport reports the close.
    }
  });
}

function isTransport(value: unknown): value is Transport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Transport).send === 'function' &&
    typeof (value as Transport).lease === 'function'
  );
}

/** Client-certificate auth contributes its certificate to the connection's TLS options. */
function mergeTls(base: TlsOptions | undefined, fromAuth: TlsOptions | undefined): TlsOptions | undefined {
  if (!fromAuth) return base;
  return { ...base, ...fromAuth };
}
