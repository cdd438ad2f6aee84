import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AUTH_SPEC_VERSION,
  type AuthStrategy,
  type ConnectionInfo,
  createUndiciTransport,
  silentLogger,
  type Transport,
} from '@ews/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createAutodiscoverHttp } from '../src/http.js';

// Discovery runs the caller's auth strategy (usually handed to an EwsClient next): a strategy
// that keeps state per socket (NTLM) must hear of the closes of discovery's sockets as well,
// from the transport discovery makes and from a Transport of the caller's that can report them.

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** Answers every POST with 200 and closes the connection: each request gets a new socket. */
async function closingServer(): Promise<URL> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { connection: 'close', 'content-type': 'text/xml' }).end('<ok/>'));
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/autodiscover/autodiscover.xml`);
}

function socketKeeper(): AuthStrategy & { seen: number[]; closed: number[] } {
  const seen: number[] = [];
  const closed: number[] = [];
  return {
    specVersion: AUTH_SPEC_VERSION,
    scheme: 'Toy',
    binding: 'connection',
    authorize: () => undefined,
    onSuccess: (response) => {
      if (response.connection) seen.push(response.connection.id);
    },
    onConnectionClosed: (connection: ConnectionInfo) => closed.push(connection.id),
    trackedConnections: () => seen.filter((id) => !closed.includes(id)).length,
    seen,
    closed,
  };
}

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const post = (http: ReturnType<typeof createAutodiscoverHttp>, url: URL) =>
  http.post(url, 'Autodiscover', '<x/>', { 'content-type': 'text/xml' }, new AbortController().signal);

describe("autodiscover tells the auth strategy of its sockets' closes", () => {
  it('from the transport it makes itself', async () => {
    const url = await closingServer();
    const auth = socketKeeper();
    const http = createAutodiscoverHttp({ auth, logger: silentLogger });
    try {
      for (let i = 0; i < 2; i++) await post(http, url);
      await waitFor(() => auth.closed.length === 2);
      expect(auth.closed.sort()).toEqual([...auth.seen].sort());
    } finally {
      await http.close();
    }
  });

  it('from a Transport of yours that reports closes, until discovery closes', async () => {
    const url = await closingServer();
    const inner = createUndiciTransport();
    let listeners = 0;
    const yours: Transport = {
      send: (request) => inner.send(request),
      lease: (origin, signal) => inner.lease(origin, signal),
      close: () => inner.close(),
      [Symbol.asyncDispose]: () => inner.close(),
      addConnectionClosedListener: (listener) => {
        listeners += 1;
        const remove = inner.addConnectionClosedListener?.(listener);
        return () => {
          listeners -= 1;
          remove?.();
        };
      },
    };
    const auth = socketKeeper();
    const http = createAutodiscoverHttp({
      auth,
      transport: yours,
      logger: silentLogger,
    });
    try {
      await post(http, url);
      await waitFor(() => auth.closed.length === 1);
      expect(auth.closed).toEqual(auth.seen);
      expect(listeners).toBe(1);
      await http.close();
      expect(listeners).toBe(0);
    } finally {
      await inner.close();
    }
  });
});
