import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EwsError } from '../../src/errors/ews-error.js';
import type { EwsHttpResponse } from '../../src/pipeline/http.js';
import { bypassesProxy } from '../../src/transport/no-proxy.js';
import { createProxyResolver } from '../../src/transport/proxy-config.js';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';
import { startTestProxy, type TestProxy } from '../helpers/proxy-server.js';
import { createTlsFixtures, type TlsFixtures } from '../helpers/tls-fixtures.js';
import { ewsRequest, type LoopbackServer, startServer } from './loopback-server.js';

let fixtures: TlsFixtures;
let httpsTarget: LoopbackServer;
let httpTarget: LoopbackServer;
let proxy: TestProxy;
let authProxy: TestProxy;

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

beforeAll(async () => {
  fixtures = await createTlsFixtures();
  const echo = (
    request: import('node:http').IncomingMessage,
    response: import('node:http').ServerResponse,
  ) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(
      `${request.method} ${request.url} host=${request.headers.host} pa=${request.headers['proxy-authorization'] ?? '-'}`,
    );
  };
  httpsTarget = await startServer(echo, { ...fixtures.server }, 'localhost');
  httpTarget = await startServer(echo, undefined, 'localhost');
  proxy = await startTestProxy();
  authProxy = await startTestProxy({ requireAuthorization: basic('proxy user', 'pr0xy:secret') });
});

afterAll(async () => {
  await Promise.all([httpsTarget?.close(), httpTarget?.close(), proxy?.close(), authProxy?.close()]);
});

async function rejectionOf(promise: Promise<unknown>): Promise<EwsError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!EwsError.isInstance(error)) throw new Error(`expected an EwsError, got ${String(error)}`);
  return error;
}

const seenSince = (from: number, server: TestProxy) => server.seen.slice(from);

describe('proxies', () => {
  it('tunnels https targets through CONNECT', async () => {
    const before = proxy.seen.length;
    await using transport = createUndiciTransport({ tls: { ca: fixtures.ca }, proxy: proxy.url });
    const response = await transport.send(ewsRequest(`${httpsTarget.url}/EWS/Exchange.asmx`));
    expect(response.body).toBe(`POST /EWS/Exchange.asmx host=localhost:${httpsTarget.port} pa=-`);
    expect(response.connection?.peerCertificate).toBeInstanceOf(Uint8Array);
    expect(seenSince(before, proxy)).toEqual([
      {
        kind: 'connect',
        target: `localhost:${httpsTarget.port}`,
        proxyAuthorization: undefined,
        host: undefined,
      },
    ]);
  });

  it('forwards http targets with an absolute-form request line', async () => {
    const before = proxy.seen.length;
    await using transport = createUndiciTransport({ proxy: new URL(proxy.url) });
    const response = await transport.send(ewsRequest(`${httpTarget.url}/EWS/Exchange.asmx?x=1`));
    expect(response.body).toBe(`POST /EWS/Exchange.asmx?x=1 host=localhost:${httpTarget.port} pa=-`);
    expect(seenSince(before, proxy)).toEqual([
      {
        kind: 'forward',
        target: `${httpTarget.url}/EWS/Exchange.asmx?x=1`,
        proxyAuthorization: undefined,
        host: `localhost:${httpTarget.port}`,
      },
    ]);
  });

  it('sends proxy credentials given apart from the URL, on CONNECT and on forwarding', async () => {
    const before = authProxy.seen.length;
    await using transport = createUndiciTransport({
      tls: { ca: fixtures.ca },
      proxy: { url: authProxy.url, username: 'proxy user', password: 'pr0xy:secret' },
    });
    expect((await transport.send(ewsRequest(httpsTarget.url))).status).toBe(200);
    const forwarded = await transport.send(ewsRequest(httpTarget.url));
    // The proxy strips its own credentials: the target never sees them.
    expect(forwarded.body).toContain('pa=-');
    const seen = seenSince(before, authProxy);
    expect(seen.map((entry) => entry.kind)).toEqual(['connect', 'forward']);
    expect(seen.every((entry) => entry.proxyAuthorization === basic('proxy user', 'pr0xy:secret'))).toBe(
      true,
    );
  });

  it('takes credentials from the proxy URL, and never shows them in errors', async () => {
    const url = new URL(authProxy.url);
    url.username = encodeURIComponent('proxy user');
    url.password = encodeURIComponent('pr0xy:secret');
    await using good = createUndiciTransport({ tls: { ca: fixtures.ca }, proxy: url.href });
    expect((await good.send(ewsRequest(httpsTarget.url))).status).toBe(200);

    const wrong = new URL(authProxy.url);
    wrong.username = 'proxy-user';
    wrong.password = 'wrong-secret';
    await using bad = createUndiciTransport({ tls: { ca: fixtures.ca }, proxy: wrong.href });
    const error = await rejectionOf(bad.send(ewsRequest(httpsTarget.url)));
    expect(error.code).toBe('EWS_TRANSPORT');
    expect(error.requestFate).toBe('not-sent');
    expect((error as EwsError & { transportCode?: string }).transportCode).toBe('PROXY_AUTH_REQUIRED');
    expect(error.message).toContain(authProxy.url);
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain('wrong-secret');
  });

  it('reads HTTPS_PROXY and HTTP_PROXY from the injected environment', async () => {
    const before = proxy.seen.length;
    const env = { HTTPS_PROXY: proxy.url, http_proxy: proxy.url };
    await using transport = createUndiciTransport({ tls: { ca: fixtures.ca }, env });
    await transport.send(ewsRequest(httpsTarget.url));
    await transport.send(ewsRequest(httpTarget.url));
    expect(seenSince(before, proxy).map((entry) => entry.kind)).toEqual(['connect', 'forward']);
  });

  it('goes direct for hosts in NO_PROXY, and by default when no proxy variable is set', async () => {
    const before = proxy.seen.length;
    const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: 'example.com, localhost' };
    await using bypassing = createUndiciTransport({ tls: { ca: fixtures.ca }, env });
    await bypassing.send(ewsRequest(httpsTarget.url));
    await bypassing.send(ewsRequest(httpTarget.url));
    await using plain = createUndiciTransport({ tls: { ca: fixtures.ca }, env: {} });
    await plain.send(ewsRequest(httpsTarget.url));
    expect(seenSince(before, proxy)).toEqual([]);
  });

  it('leases go through the proxy too, one tunnel per lease socket', async () => {
    const before = proxy.seen.length;
    await using transport = createUndiciTransport({ tls: { ca: fixtures.ca }, proxy: proxy.url });
    const lease = await transport.lease(new URL(httpsTarget.url), new AbortController().signal);
    const responses: EwsHttpResponse[] = [];
    for (let index = 0; index < 3; index++) responses.push(await lease.send(ewsRequest(httpsTarget.url)));
    lease.release();
    expect(new Set(responses.map((response) => response.connection?.id)).size).toBe(1);
    expect(seenSince(before, proxy).map((entry) => entry.kind)).toEqual(['connect']);

    const httpLease = await transport.lease(new URL(httpTarget.url), new AbortController().signal);
    const first = await httpLease.send(ewsRequest(httpTarget.url));
    const second = await httpLease.send(ewsRequest(httpTarget.url));
    httpLease.release();
    expect(first.connection?.id).toBe(second.connection?.id);
    expect(seenSince(before, proxy).map((entry) => entry.kind)).toEqual(['connect', 'forward', 'forward']);
  });
});

describe('proxy failures', () => {
  it('a proxy that never answers CONNECT hits the connect timeout (not-sent)', async () => {
    const sockets = new Set<net.Socket>();
    const mute = net.createServer((socket) => {
      sockets.add(socket);
      socket.resume(); // read (and ignore) the CONNECT, so the client's FIN is noticed
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = mute.address() as net.AddressInfo;
      await using transport = createUndiciTransport({
        tls: { ca: fixtures.ca },
        proxy: `http://user:pa55word@127.0.0.1:${port}`,
        connectTimeoutMs: 200,
      });
      const error = await rejectionOf(transport.send(ewsRequest(httpsTarget.url)));
      expect(error.code).toBe('EWS_TIMEOUT');
      expect(error.requestFate).toBe('not-sent');
      expect(error.message).toContain(`http://127.0.0.1:${port}`);
      expect(error.message).not.toContain('pa55word');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    }
  });

  it('closing the transport ends a tunnel that is still being set up', async () => {
    const sockets = new Set<net.Socket>();
    const mute = net.createServer((socket) => {
      sockets.add(socket);
      socket.resume(); // read (and ignore) the CONNECT, so the client's FIN is noticed
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = mute.address() as net.AddressInfo;
      const transport = createUndiciTransport({
        tls: { ca: fixtures.ca },
        proxy: `http://127.0.0.1:${port}`,
        closeGraceMs: 50,
      });
      const pending = rejectionOf(transport.send(ewsRequest(httpsTarget.url)));
      for (let attempt = 0; attempt < 100 && sockets.size === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(sockets.size).toBe(1);
      await transport.close();
      const error = await pending;
      expect(error.code).toBe('EWS_TRANSPORT');
      expect(error.requestFate).toBe('not-sent');
      for (let attempt = 0; attempt < 100 && sockets.size > 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(sockets.size).toBe(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    }
  });
});

describe('NO_PROXY matching', () => {
  const cases: readonly [string, string | undefined, boolean][] = [
    ['https://mail.example.com/', 'example.com', true],
    ['https://mail.example.com/', '.example.com', true],
    ['https://mail.example.com/', '*.example.com', true],
    ['https://example.com/', '.example.com', true],
    ['https://badexample.com/', 'example.com', false],
    ['https://mail.example.com/', 'other.org,  example.com', true],
    ['https://mail.example.com:8443/', 'mail.example.com:8443', true],
    ['https://mail.example.com/', 'mail.example.com:8443', false],
    ['https://mail.example.com/', 'mail.example.com:443', true],
    ['http://10.1.2.3/', '10.1.2.3', true],
    ['http://[::1]:8080/', '[::1]:8080', true],
    ['http://[::1]/', '::1', true],
    ['https://anything.test/', '*', true],
    ['https://MAIL.Example.COM/', 'mail.example.com', true],
    ['https://mail.example.com/', '', false],
    ['https://mail.example.com/', undefined, false],
  ];
  it.each(cases)('%s with NO_PROXY=%s → bypass %s', (url, noProxy, expected) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(expected);
  });
});

describe('proxy option resolution', () => {
  const target = new URL('https://mail.example.com/EWS/Exchange.asmx');

  it('prefers lower-case variables and falls back from HTTPS_PROXY to HTTP_PROXY', () => {
    const resolve = createProxyResolver('env', {
      https_proxy: 'http://lower:1',
      HTTPS_PROXY: 'http://upper:2',
    });
    expect(resolve(target)?.display).toBe('http://lower:1');
    const fallback = createProxyResolver('env', { HTTP_PROXY: 'proxy.corp:3128' });
    expect(fallback(target)?.display).toBe('http://proxy.corp:3128');
    expect(
      createProxyResolver(undefined, { no_proxy: '*', HTTP_PROXY: 'proxy.corp:3128' })(target),
    ).toBeUndefined();
  });

  it('false disables the proxy even when the environment sets one', () => {
    expect(createProxyResolver(false, { HTTPS_PROXY: 'http://proxy:1' })(target)).toBeUndefined();
  });

  it('keeps credentials out of the display form', () => {
    const resolved = createProxyResolver('http://alice:s3cret@proxy.corp:8080', {})(target);
    expect(resolved?.display).toBe('http://proxy.corp:8080');
    expect(resolved?.url.href).toBe('http://proxy.corp:8080/');
    expect(resolved?.authorization).toBe(basic('alice', 's3cret'));
  });

  it('rejects proxies it cannot use, without echoing them', () => {
    expect(() => createProxyResolver('socks5://bob:hunter2@proxy:1080', {})).toThrow(
      /Unsupported proxy scheme socks5:/,
    );
    try {
      createProxyResolver('socks5://bob:hunter2@proxy:1080', {});
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
    expect(() => createProxyResolver('http://[bad', {})).toThrowError(
      expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }) as Error,
    );
  });
});
