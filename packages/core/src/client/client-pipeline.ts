import { classifyHttpResponse } from '../errors/classify-http-response.js';
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
  const transport =
    supplied ??
    createUndiciTransport({
      ...transportOptions,
      tls: mergeTls(options.tls, options.auth?.tls),
      logger,
      // Connection-bound auth forgets a socket's handshake when the socket closes.
      onConnectionClosed: (info) => {
        try {
          options.auth?.onConnectionClosed?.(info);
        } finally {
          transportOptions?.onConnectionClosed?.(info);
        }
      },
    });

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
      await options.auth?.dispose?.();
      // A transport the caller passed in is theirs to close.
      if (!supplied) await transport.close();
    },
  };
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
