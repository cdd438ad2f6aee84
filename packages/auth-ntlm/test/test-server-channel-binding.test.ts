import { request as httpsRequest } from 'node:https';
import {
  createServer as createNetServer,
  type Server as NetServer,
  connect as netConnect,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer, connect as tlsConnect } from 'node:tls';
import { EwsAuthError, EwsClient, type Logger, type Policy } from '@ews/core';
import { type NtlmChannelBindingMode, startTestServer, type TestServer } from '@ews/test-server';
import { describe, expect, it } from 'vitest';
import { createNtlmAuth } from '../src/index.js';
import { makeCertificate } from './support/certificates.js';
import { cleanupAfterEach } from './support/loopback-ntlm.js';

// Issue 6: Extended Protection enforcement, checked by @ews/test-server's own NTLM acceptor
// (independent of this package: its own MS-NLMP parser, NTLMv2/MIC verifier and RFC 5929 hash).

const PASSWORD = 'Alice-Demo-2016!';
const GET_FOLDER =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

const defer = cleanupAfterEach();

async function exchange(
  channelBinding: NtlmChannelBindingMode,
): Promise<{ server: TestServer; refused: string[] }> {
  const refused: string[] = [];
  const server = await startTestServer({
    tls: true,
    auth: ['ntlm'],
    ntlm: { channelBinding, onRefused: (reason) => refused.push(reason) },
  });
  defer(() => server.close());
  return { server, refused };
}

function listen(server: NetServer | TlsServer, sockets: Set<Socket>): Promise<number> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  defer(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

/** A TCP pass-through in front of the server (TLS stays end to end): counts connections. */
async function countingTunnel(target: URL): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const tunnel = createNetServer((client) => {
    connections++;
    const upstream = netConnect(Number(target.port), target.hostname);
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  const port = await listen(tunnel, sockets);
  return { url: `https://127.0.0.1:${port}${target.pathname}`, connections: () => connections };
}

/** A TLS-terminating proxy with its own certificate: one upstream TLS connection per client connection. */
async function terminatingProxy(target: URL, upstreamCa: string): Promise<{ url: string; ca: string }> {
  const certificate = makeCertificate('rsa-sha256');
  const sockets = new Set<Socket>();
  const proxy = createTlsServer({ cert: certificate.cert, key: certificate.key }, (client) => {
    const upstream = tlsConnect({ host: target.hostname, port: Number(target.port), ca: upstreamCa });
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  const port = await listen(proxy, sockets);
  return { url: `https://127.0.0.1:${port}${target.pathname}`, ca: certificate.cert };
}

/** One anonymous POST on a fresh connection: its status. */
function anonymousPost(url: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', ca, agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('<x/>');
  });
}

function client(url: string, ca: string, channelBinding: 'auto' | 'off' = 'auto') {
  const legs: number[] = [];
  const sockets: number[] = [];
  // The logging policy sits inside the auth policy: it sees every leg of a handshake.
  const logger: Logger = {
    debug: (message) => {
      if (message === 'ews: request') legs.push(1);
    },
    info: () => {},
    warn: () => {},
    error: () => {},
  };
  // Placed outside the auth policy: sees each call's final response and the socket it came on.
  const socketProbe: Policy = {
    name: 'socket-probe',
    async send(request, next) {
      const response = await next(request);
      sockets.push(response.connection?.id ?? -1);
      return response;
    },
  };
  const ews = new EwsClient({
    url,
    auth: createNtlmAuth({ username: 'CONTOSO\\alice', password: PASSWORD, channelBinding }),
    tls: { ca },
    logger,
    policies: [socketProbe],
  });
  defer(() => ews.close());
  const call = async () => {
    const before = legs.length;
    const response = await ews.send({ operation: 'GetFolder', body: GET_FOLDER });
    return { response, requests: legs.length - before };
  };
  return { call, sockets };
}

describe("@ews/auth-ntlm against @ews/test-server's NTLM with channelBinding 'required'", () => {
  it('accepts the binding to the server certificate; after warm-up 1 request per call on the same socket', async () => {
    const { server, refused } = await exchange('required');
    const tunnel = await countingTunnel(new URL(server.url));
    const { call, sockets } = client(tunnel.url, server.tls?.ca ?? '');
    const first = await call();
    expect(first.response.status).toBe(200);
    expect(first.requests).toBe(2); // NEGOTIATE (pre-emptive) + AUTHENTICATE with the request
    for (let i = 0; i < 4; i++) {
      const next = await call();
      expect(next.response.status).toBe(200);
      expect(next.requests).toBe(1);
    }
    expect(new Set(sockets).size).toBe(1);
    expect(sockets[0]).not.toBe(-1);
    expect(tunnel.connections()).toBe(1);
    expect(refused).toEqual([]);
    // NTLM authenticated that connection only: a new one without a handshake is refused.
    expect(await anonymousPost(server.url, server.tls?.ca ?? '')).toBe(401);
  });

  it("refuses a client whose channelBinding is 'off' (missing binding): EwsAuthError", async () => {
    const { server, refused } = await exchange('required');
    const { call } = client(server.url, server.tls?.ca ?? '', 'off');
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EwsAuthError);
    expect(String(error)).not.toContain(PASSWORD);
    expect(refused).toEqual(['missing channel binding']);
  });

  it('refuses a binding to another certificate (a TLS-terminating proxy in between)', async () => {
    const { server, refused } = await exchange('required');
    const proxy = await terminatingProxy(new URL(server.url), server.tls?.ca ?? '');
    const { call } = client(proxy.url, proxy.ca);
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EwsAuthError);
    expect(refused).toEqual(['wrong channel binding']);
  });

  it("lets the same proxied client in with channelBinding 'off' when the server only accepts bindings", async () => {
    const { server, refused } = await exchange('accepted');
    const proxy = await terminatingProxy(new URL(server.url), server.tls?.ca ?? '');
    const { call } = client(proxy.url, proxy.ca, 'off');
    expect((await call()).response.status).toBe(200);
    expect(refused).toEqual([]);
  });
});
