import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createSelfSigned, type KeyPair } from '@ews-tools/test-support';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../src/pipeline/http.js';
import type { Transport } from '../../src/transport/transport.js';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';
import { waitFor } from '../helpers/wait-for.js';
import { ewsRequest } from './loopback-server.js';

// On a resumed TLS session Node reports no peer certificate (getPeerCertificate() is empty), yet
// channel binding needs the certificate of the session in use: the transport must report it on
// every socket, resumed or not, and never a certificate the session was not established with.

function selfSigned(): KeyPair {
  return createSelfSigned({ commonName: '127.0.0.1', altNames: ['127.0.0.1'] });
}

const der = (pem: string): Buffer => new X509Certificate(pem).raw;

/** An https server that can close each connection after its answer and reports session reuse. */
interface ResumingServer {
  readonly url: string;
  /** isSessionReused() of every accepted socket, server side, in order. */
  readonly reused: boolean[];
  setCertificate(pair: KeyPair): void;
  close(): Promise<void>;
}

const servers: ResumingServer[] = [];
const transports: Transport[] = [];
afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function resumingServer(
  pair: KeyPair,
  options: {
    closeAfterAnswer?: boolean;
    keepAliveTimeoutMs?: number;
    tlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  } = {},
): Promise<ResumingServer> {
  const reused: boolean[] = [];
  const open = new Set<Socket>();
  const server = https.createServer(
    {
      ...pair,
      ...(options.tlsVersion ? { maxVersion: options.tlsVersion, minVersion: options.tlsVersion } : {}),
    },
    (request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, {
          'content-type': 'text/xml; charset=utf-8',
          ...(options.closeAfterAnswer ? { connection: 'close' } : {}),
        });
        response.end(
          '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>',
        );
      });
    },
  );
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  server.on('secureConnection', (socket: TLSSocket) => reused.push(socket.isSessionReused()));
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle: ResumingServer = {
    url: `https://127.0.0.1:${port}/EWS/Exchange.asmx`,
    reused,
    setCertificate: (next) => server.setSecureContext(next),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return handle;
}

function transportTrusting(...certs: string[]): Transport & { closed: ConnectionInfo[] } {
  const closed: ConnectionInfo[] = [];
  const transport = createUndiciTransport({
    proxy: false,
    tls: { ca: certs },
    onConnectionClosed: (info) => closed.push(info),
  });
  transports.push(transport);
  return Object.assign(transport, { closed });
}

let first: KeyPair;
let second: KeyPair;
beforeAll(() => {
  first = selfSigned();
  second = selfSigned();
});

describe('TLS session resumption keeps the certificate of the session in use', () => {
  it.each(['TLSv1.2', 'TLSv1.3'] as const)(
    '%s: pooled sockets (one per call, closed by the server) resume and report the certificate',
    async (tlsVersion) => {
      const server = await resumingServer(first, { closeAfterAnswer: true, tlsVersion });
      const transport = transportTrusting(first.cert);
      const ids = new Set<number>();
      for (let i = 0; i < 4; i++) {
        const response = await transport.send(ewsRequest(server.url));
        expect(response.status).toBe(200);
        ids.add(response.connection?.id ?? -1);
        expect(Buffer.from(response.connection?.peerCertificate ?? []).equals(der(first.cert))).toBe(true);
      }
      expect(ids.size).toBe(4);
      // The server's own view proves that the later sockets resumed the first one's session.
      expect(server.reused).toEqual([false, true, true, true]);
    },
  );

  it('leased sockets: three at once after a warm-up, then one after an idle close, all resumed and all with the certificate', async () => {
    const server = await resumingServer(first, { keepAliveTimeoutMs: 150 });
    const transport = transportTrusting(first.cert);
    const signal = new AbortController().signal;
    const leaseAndSend = async (): Promise<ConnectionInfo | undefined> => {
      const lease = await transport.lease(new URL(server.url), signal);
      try {
        const response = await lease.send(ewsRequest(server.url));
        expect(response.status).toBe(200);
        // The lease reports the same socket as the response it carried.
        expect(lease.connection?.id).toBe(response.connection?.id);
        return response.connection;
      } finally {
        lease.release();
      }
    };
    const warm = await leaseAndSend();
    const three = await Promise.all([1, 2, 3].map(() => leaseAndSend()));
    expect(new Set(three.map((info) => info?.id)).size).toBe(3);
    await waitFor(() => transport.closed.length >= 3); // the server closed the idle sockets
    const afterIdle = await leaseAndSend();
    expect(transport.closed.map((info) => info.id)).not.toContain(afterIdle?.id);
    for (const info of [warm, ...three, afterIdle]) {
      expect(Buffer.from(info?.peerCertificate ?? []).equals(der(first.cert))).toBe(true);
    }
    expect(server.reused[0]).toBe(false);
    expect(server.reused.length).toBeGreaterThanOrEqual(4);
    expect(server.reused.slice(1).every(Boolean)).toBe(true);
  });

  it('a server that changed its certificate refuses the old session; the new certificate is reported', async () => {
    const server = await resumingServer(first, { closeAfterAnswer: true });
    const transport = transportTrusting(first.cert, second.cert);
    const before = await transport.send(ewsRequest(server.url));
    expect(Buffer.from(before.connection?.peerCertificate ?? []).equals(der(first.cert))).toBe(true);
    server.setCertificate(second); // new secure context, new ticket keys: old sessions are refused
    for (let i = 0; i < 2; i++) {
      const after = await transport.send(ewsRequest(server.url));
      expect(Buffer.from(after.connection?.peerCertificate ?? []).equals(der(second.cert))).toBe(true);
    }
    // The old session was offered and refused, then the new one resumed.
    expect(server.reused).toEqual([false, false, true]);
  });

  it('resumeSessions: false makes every socket a full handshake (and still reports the certificate)', async () => {
    const server = await resumingServer(first, { closeAfterAnswer: true });
    const transport = createUndiciTransport({ proxy: false, tls: { ca: first.cert, resumeSessions: false } });
    transports.push(transport);
    for (let i = 0; i < 3; i++) {
      const response = await transport.send(ewsRequest(server.url));
      expect(Buffer.from(response.connection?.peerCertificate ?? []).equals(der(first.cert))).toBe(true);
    }
    expect(server.reused).toEqual([false, false, false]);
  });
});
