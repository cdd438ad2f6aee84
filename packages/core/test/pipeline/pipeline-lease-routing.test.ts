import { describe, expect, it } from 'vitest';
import { AUTH_SPEC_VERSION, type AuthStrategy } from '../../src/auth/strategy.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { EwsHttpRequest, EwsHttpResponse } from '../../src/pipeline/http.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { authPolicy } from '../../src/pipeline/policies/auth-policy.js';
import type { ConnectionLease, Transport } from '../../src/transport/transport.js';
import { ewsRequest } from './helpers/soap.js';

// Whoever composes a pipeline (autodiscover, an app with its own policies) used to copy the
// lease routing into its last step by hand: without it, a connection-bound handshake went out
// on pooled sockets and never completed. createPipeline routes `request.lease` itself.

/** A transport that records which path each request took; the lease is one "socket" (id 7). */
function recordingTransport(): { transport: Transport; paths: string[] } {
  const paths: string[] = [];
  const answer = (request: EwsHttpRequest, path: string, id: number): EwsHttpResponse => {
    paths.push(path);
    const authorized = request.headers.authorization === 'Toy secret-token-value';
    return {
      status: authorized ? 200 : 401,
      headers: authorized ? {} : { 'www-authenticate': 'Toy' },
      body: authorized ? `echo ${request.headers.authorization}` : '',
      connection: { id },
    };
  };
  const lease: ConnectionLease = {
    connection: { id: 7 },
    send: async (request) => answer(request, 'lease', 7),
    release: () => {},
  };
  const transport: Transport = {
    send: async (request) => answer(request, 'transport', 1),
    lease: async () => lease,
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
  return { transport, paths };
}

const toyConnectionAuth: AuthStrategy = {
  specVersion: AUTH_SPEC_VERSION,
  scheme: 'Toy',
  binding: 'connection',
  authorize: () => undefined,
  onChallenge: (_challenge, context) =>
    context.connection?.id === 7 ? { authorization: 'Toy secret-token-value' } : undefined,
};

describe('createPipeline routes leases itself', () => {
  it('sends every leg of a connection-bound exchange through the lease the auth policy set', async () => {
    const { transport, paths } = recordingTransport();
    // The transport is passed as is: no hand-written `request.lease ? lease.send : send` step.
    const pipeline = createPipeline({
      policies: [authPolicy({ strategy: toyConnectionAuth, transport, logger: silentLogger })],
      transport,
    });
    const response = await pipeline.send(ewsRequest('http://127.0.0.1:1/EWS/Exchange.asmx', 'GetItem'));
    expect(response.status).toBe(200);
    expect(paths).toEqual(['lease', 'lease']);
  });

  it('sends a request without a lease through the transport', async () => {
    const { transport, paths } = recordingTransport();
    const pipeline = createPipeline({ policies: [], transport });
    await pipeline.send(ewsRequest('http://127.0.0.1:1/EWS/Exchange.asmx', 'GetItem'));
    expect(paths).toEqual(['transport']);
  });

  it('gives every answer, leased or not, a redact that masks what its request carried', async () => {
    const { transport } = recordingTransport();
    const pipeline = createPipeline({
      policies: [authPolicy({ strategy: toyConnectionAuth, transport, logger: silentLogger })],
      transport,
    });
    const response = await pipeline.send(ewsRequest('http://127.0.0.1:1/EWS/Exchange.asmx', 'GetItem'));
    expect(response.body).toContain('secret-token-value');
    expect(response.redact?.(response.body)).not.toContain('secret-token-value');
  });
});
