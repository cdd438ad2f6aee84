import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { EwsError } from '../../src/errors/ews-error.js';
import type { ConnectionInfo } from '../../src/pipeline/http.js';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';
import { ewsRequest, type Handler, type LoopbackServer, okHandler, startServer } from './loopback-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(handler: Handler = okHandler): Promise<LoopbackServer> {
  const started = await startServer(handler);
  cleanups.push(() => started.close());
  return started;
}

/** Holds every request until `release()` is called; `arrived` counts them. */
function gate(): { handler: Handler; arrived: () => number; release: () => void } {
  const waiting: (() => void)[] = [];
  let open = false;
  return {
    handler: (_request, response) => {
      const answer = (): void => {
        response.end('done');
      };
      if (open) answer();
      else waiting.push(answer);
    },
    arrived: () => waiting.length,
    release: () => {
      open = true;
      for (const answer of waiting.splice(0)) answer();
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('keep-alive pool', () => {
  it('reuses one socket for sequential requests', async () => {
    const up = await server();
    await using transport = createUndiciTransport({ proxy: false });
    const ids: number[] = [];
    for (let index = 0; index < 4; index++) {
      const response = await transport.send(ewsRequest(up.url));
      ids.push(response.connection?.id ?? -1);
    }
    expect(up.socketCount()).toBe(1);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBeGreaterThan(0);
  });

  it('never opens more sockets than `connections`', async () => {
    const held = gate();
    const up = await server(held.handler);
    await using transport = createUndiciTransport({ proxy: false, connections: 3 });
    const pending = Array.from({ length: 8 }, () => transport.send(ewsRequest(up.url)));
    await until(() => held.arrived() === 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held.arrived()).toBe(3);
    held.release();
    const responses = await Promise.all(pending);
    expect(responses.every((response) => response.body === 'done')).toBe(true);
    expect(up.socketCount()).toBe(3);
    expect(new Set(responses.map((response) => response.connection?.id)).size).toBe(3);
  });

  it('lower-cases header names, keeps repeated headers as arrays and decodes UTF-8', async () => {
    const up = await server((request, response) => {
      response.setHeader('WWW-Authenticate', ['Negotiate', 'NTLM']);
      response.setHeader('X-Echo-Agent', request.headers['user-agent'] ?? '');
      response.setHeader('Content-Type', 'text/xml; charset=utf-8');
      response.end('<t:Subject>Grüße – 日本</t:Subject>');
    });
    await using transport = createUndiciTransport({ proxy: false, userAgent: 'ews-ts/9.9.9 test' });
    const response = await transport.send(ewsRequest(up.url));
    expect(response.headers['www-authenticate']).toEqual(['Negotiate', 'NTLM']);
    expect(response.headers['x-echo-agent']).toBe('ews-ts/9.9.9 test');
    expect(response.body).toBe('<t:Subject>Grüße – 日本</t:Subject>');
  });

  it('sends the default user agent unless the request has one, and sends the body', async () => {
    const seen: { agent: string | undefined; body: string; method: string | undefined }[] = [];
    const up = await server((request, response, body) => {
      seen.push({ agent: request.headers['user-agent'], body, method: request.method });
      response.end();
    });
    await using transport = createUndiciTransport({ proxy: false });
    await transport.send(ewsRequest(up.url));
    await transport.send({ ...ewsRequest(up.url), headers: { 'user-agent': 'mine' } });
    await transport.send({ ...ewsRequest(up.url), method: 'GET', body: undefined });
    expect(seen[0]?.agent).toMatch(/^ews-ts\/\S+ node\/v\d+/);
    expect(seen[0]?.body).toContain('<s:Body/>');
    expect(seen[1]?.agent).toBe('mine');
    expect(seen[2]).toMatchObject({ method: 'GET', body: '' });
  });

  it('uses a dispatcher of your own and leaves it open on close', async () => {
    const up = await server();
    const mine = new Agent();
    cleanups.push(() => mine.close());
    const transport = createUndiciTransport({ dispatcher: mine });
    expect((await transport.send(ewsRequest(up.url))).status).toBe(200);
    await transport.close();
    expect(mine.closed).toBe(false);
    expect(mine.destroyed).toBe(false);
    const after = await mine.request({ origin: up.url, path: '/', method: 'GET' });
    expect(after.statusCode).toBe(200);
    await after.body.text();
  });
});

describe('connection leases', () => {
  it('keeps a lease on one socket and gives a new id after the server closes it', async () => {
    const up = await server();
    const closed: ConnectionInfo[] = [];
    await using transport = createUndiciTransport({
      proxy: false,
      onConnectionClosed: (info) => closed.push(info),
    });
    const lease = await transport.lease(new URL(up.url), new AbortController().signal);
    expect(lease.connection).toBeUndefined();
    const ids: (number | undefined)[] = [];
    for (let index = 0; index < 3; index++) ids.push((await lease.send(ewsRequest(up.url))).connection?.id);
    expect(up.socketCount()).toBe(1);
    expect(new Set(ids).size).toBe(1);
    expect(lease.connection?.id).toBe(ids[0]);

    up.dropConnections();
    await until(() => closed.length === 1);
    expect(closed[0]?.id).toBe(ids[0]);
    const next = await lease.send(ewsRequest(up.url));
    expect(next.connection?.id).not.toBe(ids[0]);
    expect(up.socketCount()).toBe(2);
    lease.release();
  });

  it('gives each concurrent lease its own socket, at most `connections`, and waits for a release', async () => {
    const up = await server();
    await using transport = createUndiciTransport({ proxy: false, connections: 2 });
    const origin = new URL(up.url);
    const signal = new AbortController().signal;
    const first = await transport.lease(origin, signal);
    const second = await transport.lease(origin, signal);
    const a = await first.send(ewsRequest(up.url));
    const b = await second.send(ewsRequest(up.url));
    expect(a.connection?.id).not.toBe(b.connection?.id);

    let third: Awaited<ReturnType<typeof transport.lease>> | undefined;
    const waiting = transport.lease(origin, signal).then((lease) => {
      third = lease;
      return lease;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(third).toBeUndefined();
    first.release();
    const reused = await waiting;
    expect((await reused.send(ewsRequest(up.url))).connection?.id).toBe(a.connection?.id);
    expect(up.socketCount()).toBe(2);
    reused.release();
    second.release();
  });

  it('a waiting lease() can be aborted, and a broken lease is replaced by a fresh socket', async () => {
    const up = await server();
    await using transport = createUndiciTransport({ proxy: false, connections: 1 });
    const origin = new URL(up.url);
    const only = await transport.lease(origin, new AbortController().signal);
    const before = (await only.send(ewsRequest(up.url))).connection?.id;

    const controller = new AbortController();
    const waiting = transport.lease(origin, controller.signal);
    const reason = new Error('stop waiting');
    controller.abort(reason);
    const error = await waiting.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_ABORTED');
    expect((error as Error).cause).toBe(reason);

    only.release(true);
    const fresh = await transport.lease(origin, new AbortController().signal);
    const after = (await fresh.send(ewsRequest(up.url))).connection?.id;
    expect(after).not.toBe(before);
    fresh.release();
  });

  it('refuses sends on a released lease or to another origin', async () => {
    const up = await server();
    await using transport = createUndiciTransport({ proxy: false });
    const lease = await transport.lease(new URL(up.url), new AbortController().signal);
    await expect(lease.send(ewsRequest('http://127.0.0.2:1/'))).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    lease.release();
    await expect(lease.send(ewsRequest(up.url))).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
  });

  it('close() refuses lease() callers still waiting', async () => {
    const up = await server();
    const transport = createUndiciTransport({ proxy: false, connections: 1 });
    await transport.lease(new URL(up.url), new AbortController().signal);
    const waiting = transport.lease(new URL(up.url), new AbortController().signal);
    await transport.close();
    await expect(waiting).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
  });
});
