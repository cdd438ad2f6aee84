import { describe, expect, it } from 'vitest';
import { createBasicAuth } from '../../src/auth/basic.js';
import { AUTH_SPEC_VERSION, type AuthStrategy } from '../../src/auth/strategy.js';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsInvalidArgumentError } from '../../src/errors/error-classes.js';
import type { ConnectionInfo, EwsHttpRequest, EwsHttpResponse } from '../../src/pipeline/http.js';
import type { Transport } from '../../src/transport/transport.js';
import { getFolderInboxResponse } from '../helpers/exchange-responses.js';

// A Transport of the caller's own (EwsClientOptions.transport) must get the same connection
// lifecycle as core's: a strategy that keeps state per socket (NTLM, Negotiate) hears of every
// close through Transport.addConnectionClosedListener, and a transport that cannot report closes
// is refused with such a strategy at construction (its state would otherwise only grow).

const URL_ = 'https://mail.example.com/EWS/Exchange.asmx';
const GET_FOLDER = { operation: 'GetFolder', body: '<m:GetFolder/>' };

/** A transport of one's own: each lease is a new "socket" that the test closes by hand. */
function ownTransport(options: { reportsCloses: boolean }): Transport & {
  closeSocket(id: number): void;
  listeners(): number;
} {
  const listeners = new Set<(connection: ConnectionInfo) => void>();
  let lastId = 0;
  const answer =
    (connection: ConnectionInfo) =>
    async (_request: EwsHttpRequest): Promise<EwsHttpResponse> => ({
      status: 200,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: getFolderInboxResponse(),
      connection,
    });
  const transport: Transport & { closeSocket(id: number): void; listeners(): number } = {
    send: answer({ id: 0 }),
    lease: async () => {
      const connection = { id: ++lastId };
      return { connection, send: answer(connection), release: () => {} };
    },
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
    closeSocket: (id) => {
      for (const listener of [...listeners]) listener({ id });
    },
    listeners: () => listeners.size,
  };
  if (options.reportsCloses) {
    transport.addConnectionClosedListener = (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
  }
  return transport;
}

/** A connection-bound toy that remembers the sockets its calls succeeded on. */
function socketKeeper(): AuthStrategy & { trackedConnections(): number } {
  const sockets = new Set<number>();
  return {
    specVersion: AUTH_SPEC_VERSION,
    scheme: 'Toy',
    binding: 'connection',
    authorize: () => undefined,
    onSuccess: (_response, context) => {
      if (context.connection) sockets.add(context.connection.id);
    },
    onConnectionClosed: (connection) => {
      sockets.delete(connection.id);
    },
    trackedConnections: () => sockets.size,
  };
}

describe('a Transport of your own and the auth strategy', () => {
  it('tells the strategy of every socket it reports closed (addConnectionClosedListener)', async () => {
    const transport = ownTransport({ reportsCloses: true });
    const strategy = socketKeeper();
    await using client = new EwsClient({ url: URL_, auth: strategy, transport });
    for (let i = 0; i < 3; i++) await client.send(GET_FOLDER);
    expect(strategy.trackedConnections()).toBe(3);
    for (const id of [1, 2, 3]) transport.closeSocket(id);
    expect(strategy.trackedConnections()).toBe(0);
  });

  it('stops telling the strategy once the client is closed (your transport outlives it)', async () => {
    const transport = ownTransport({ reportsCloses: true });
    const client = new EwsClient({ url: URL_, auth: socketKeeper(), transport });
    expect(transport.listeners()).toBe(1);
    await client.close();
    expect(transport.listeners()).toBe(0);
  });

  it('refuses, at construction, a strategy with per-socket state over a transport that cannot report closes', () => {
    const build = () =>
      new EwsClient({ url: URL_, auth: socketKeeper(), transport: ownTransport({ reportsCloses: false }) });
    expect(build).toThrow(EwsInvalidArgumentError);
    expect(build).toThrow(/Toy.*onConnectionClosed.*addConnectionClosedListener/s);
  });

  it('takes such a transport with a strategy that keeps nothing per socket, or with no auth', async () => {
    const transport = ownTransport({ reportsCloses: false });
    await using basic = new EwsClient({
      url: URL_,
      auth: createBasicAuth({ username: 'alice', password: 'pw' }),
      transport,
    });
    await using anonymous = new EwsClient({ url: URL_, transport });
    expect((await basic.send(GET_FOLDER)).status).toBe(200);
    expect((await anonymous.send(GET_FOLDER)).status).toBe(200);
  });

  it("swallows a strategy's throw from onConnectionClosed (it never reaches your transport)", async () => {
    const transport = ownTransport({ reportsCloses: true });
    const strategy: AuthStrategy = {
      ...socketKeeper(),
      onConnectionClosed: () => {
        throw new Error('a strategy that throws');
      },
    };
    await using client = new EwsClient({ url: URL_, auth: strategy, transport });
    await client.send(GET_FOLDER);
    expect(() => transport.closeSocket(1)).not.toThrow();
  });
});
