import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EwsError } from '../../src/errors/ews-error.js';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';
import { ewsRequest, type LoopbackServer, okHandler, startServer } from './loopback-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(handler = okHandler): Promise<LoopbackServer> {
  const started = await startServer(handler);
  cleanups.push(() => started.close());
  return started;
}

/** A TCP server that accepts and then says nothing (no HTTP answer, no TLS handshake). */
async function silentServer(): Promise<string> {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
  return `127.0.0.1:${(silent.address() as AddressInfo).port}`;
}

async function rejectionOf(promise: Promise<unknown>): Promise<EwsError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!EwsError.isInstance(error)) throw new Error(`expected an EwsError, got ${String(error)}`);
  return error;
}

describe('timeouts', () => {
  it('a server that never answers hits the headers timeout (EwsTimeoutError, fate unknown)', async () => {
    const never = await server(() => {});
    await using transport = createUndiciTransport({ proxy: false, headersTimeoutMs: 60_000 });
    const started = Date.now();
    const error = await rejectionOf(transport.send({ ...ewsRequest(never.url), headersTimeoutMs: 300 }));
    expect(error.code).toBe('EWS_TIMEOUT');
    expect(error.requestFate).toBe('unknown');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a body that stalls hits the body timeout', async () => {
    const stalls = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.write('<s:Envelope');
    });
    await using transport = createUndiciTransport({ proxy: false, bodyTimeoutMs: 300 });
    const error = await rejectionOf(transport.send(ewsRequest(stalls.url)));
    expect(error.code).toBe('EWS_TIMEOUT');
    expect(error.requestFate).toBe('unknown');
  });

  it('a server that never completes the TLS handshake hits the connect timeout (fate not-sent)', async () => {
    const address = await silentServer();
    await using transport = createUndiciTransport({ proxy: false, connectTimeoutMs: 300 });
    const error = await rejectionOf(transport.send(ewsRequest(`https://${address}/EWS/Exchange.asmx`)));
    expect(error.code).toBe('EWS_TIMEOUT');
    expect(error.requestFate).toBe('not-sent');
  });

  it('a refused connection is a transport error that was not sent', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await using transport = createUndiciTransport({ proxy: false });
    const error = await rejectionOf(transport.send(ewsRequest(`http://127.0.0.1:${closedPort}/`)));
    expect(error.code).toBe('EWS_TRANSPORT');
    expect(error.requestFate).toBe('not-sent');
    expect((error as EwsError & { transportCode?: string }).transportCode).toBe('ECONNREFUSED');
  });

  it('a host name that does not resolve fails before anything is sent', async () => {
    await using transport = createUndiciTransport({ proxy: false, connectTimeoutMs: 3_000 });
    const error = await rejectionOf(
      transport.send(ewsRequest('https://mail.ews-test.invalid/EWS/Exchange.asmx')),
    );
    expect(['EWS_TRANSPORT', 'EWS_TIMEOUT']).toContain(error.code);
    expect(error.requestFate).toBe('not-sent');
  });

  it('a socket closed by the server after the request was sent leaves the fate unknown', async () => {
    const hangsUp = await server((request) => request.socket.destroy());
    await using transport = createUndiciTransport({ proxy: false });
    const error = await rejectionOf(transport.send(ewsRequest(hangsUp.url)));
    expect(error.code).toBe('EWS_TRANSPORT');
    expect(error.requestFate).toBe('unknown');
  });
});

describe('abort', () => {
  it('aborting a request in flight rejects promptly with EwsAbortError whose cause is the reason', async () => {
    const never = await server(() => {});
    await using transport = createUndiciTransport({ proxy: false });
    const controller = new AbortController();
    const pending = rejectionOf(transport.send(ewsRequest(never.url, controller.signal)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reason = new Error('user gave up');
    const started = Date.now();
    controller.abort(reason);
    const error = await pending;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('EWS_ABORTED');
    expect(error.cause).toBe(reason);
    expect(error.requestFate).toBe('unknown');
  });

  it('aborting while still connecting rejects at once as not-sent', async () => {
    const address = await silentServer();
    await using transport = createUndiciTransport({ proxy: false, connectTimeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = rejectionOf(transport.send(ewsRequest(`https://${address}/`, controller.signal)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const error = await pending;
    expect(error.code).toBe('EWS_ABORTED');
    expect(error.requestFate).toBe('not-sent');
  });

  it('an already aborted signal sends nothing', async () => {
    const counted = await server();
    await using transport = createUndiciTransport({ proxy: false });
    const error = await rejectionOf(transport.send(ewsRequest(counted.url, AbortSignal.abort())));
    expect(error.code).toBe('EWS_ABORTED');
    expect(error.requestFate).toBe('not-sent');
    expect(counted.socketCount()).toBe(0);
  });
});

describe('close', () => {
  it('refuses requests and leases after close', async () => {
    const up = await server();
    const transport = createUndiciTransport({ proxy: false });
    expect((await transport.send(ewsRequest(up.url))).status).toBe(200);
    await transport.close();
    const error = await rejectionOf(transport.send(ewsRequest(up.url)));
    expect(error.code).toBe('EWS_INVALID_ARGUMENT');
    expect(error.message).toMatch(/closed/);
    const leaseError = await rejectionOf(transport.lease(new URL(up.url), new AbortController().signal));
    expect(leaseError.code).toBe('EWS_INVALID_ARGUMENT');
    await transport.close(); // idempotent
  });

  it('closes its keep-alive sockets and reports each one closed', async () => {
    const up = await server();
    const closed: number[] = [];
    const transport = createUndiciTransport({
      proxy: false,
      onConnectionClosed: (info) => closed.push(info.id),
    });
    const response = await transport.send(ewsRequest(up.url));
    const lease = await transport.lease(new URL(up.url), new AbortController().signal);
    const leased = await lease.send(ewsRequest(up.url));
    expect(up.socketCount()).toBe(2);
    await transport.close();
    for (let attempt = 0; attempt < 100 && closed.length < 2; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(closed.sort()).toEqual([response.connection?.id, leased.connection?.id].sort());
  });

  it('lets in-flight requests finish within the grace period', async () => {
    const slow = await server((_request, response) => {
      setTimeout(() => response.end('late but fine'), 100);
    });
    const transport = createUndiciTransport({ proxy: false, closeGraceMs: 5_000 });
    const pending = transport.send(ewsRequest(slow.url));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await transport.close();
    expect((await pending).body).toBe('late but fine');
  });

  it('aborts in-flight requests once the grace period is over', async () => {
    const never = await server(() => {});
    const transport = createUndiciTransport({ proxy: false, closeGraceMs: 100 });
    const pending = rejectionOf(transport.send(ewsRequest(never.url)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await transport.close();
    const error = await pending;
    expect(error.code).toBe('EWS_TRANSPORT');
    expect(error.requestFate).toBe('unknown');
  });
});
