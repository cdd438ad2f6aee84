import { X509Certificate } from 'node:crypto';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EwsError } from '../../src/errors/ews-error.js';
import type { Logger } from '../../src/logging/logger.js';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';
import { createTlsFixtures, type TlsFixtures } from '../helpers/tls-fixtures.js';
import { ewsRequest, type LoopbackServer, okHandler, startServer } from './loopback-server.js';

let fixtures: TlsFixtures;
let server: LoopbackServer;
let mtlsServer: LoopbackServer;

beforeAll(async () => {
  fixtures = await createTlsFixtures();
  server = await startServer(okHandler, { ...fixtures.server });
  mtlsServer = await startServer(
    (request, response) => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`client=${peer.subject?.CN ?? 'none'}`);
    },
    { ...fixtures.server, ca: fixtures.ca, requestCert: true, rejectUnauthorized: true },
  );
});

afterAll(async () => {
  await Promise.all([server?.close(), mtlsServer?.close()]);
});

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = (): void => {};
  return { warnings, debug: ignore, info: ignore, error: ignore, warn: (message) => warnings.push(message) };
}

async function rejectionOf(promise: Promise<unknown>): Promise<EwsError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!EwsError.isInstance(error)) throw new Error(`expected an EwsError, got ${String(error)}`);
  return error;
}

describe('TLS', () => {
  it('trusts a custom CA and reports the server certificate as DER bytes', async () => {
    await using transport = createUndiciTransport({ tls: { ca: fixtures.ca }, proxy: false });
    const response = await transport.send(ewsRequest(server.url));
    expect(response.status).toBe(200);
    expect(response.body).toContain('<s:Body/>');
    const der = response.connection?.peerCertificate;
    expect(der).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(der ?? []).equals(new X509Certificate(fixtures.server.cert).raw)).toBe(true);
  });

  it('fails with EwsTransportError and requestFate not-sent without the CA', async () => {
    await using transport = createUndiciTransport({ proxy: false });
    const error = await rejectionOf(transport.send(ewsRequest(server.url)));
    expect(error.code).toBe('EWS_TRANSPORT');
    expect(error.requestFate).toBe('not-sent');
    expect(error.operation).toBe('GetFolder');
    expect((error as EwsError & { transportCode?: string }).transportCode).toMatch(/CERT|SIGNATURE/);
  });

  it('refuses a certificate issued by another CA', async () => {
    await using transport = createUndiciTransport({ tls: { ca: fixtures.rogueCa }, proxy: false });
    const error = await rejectionOf(transport.send(ewsRequest(server.url)));
    expect(error.code).toBe('EWS_TRANSPORT');
    expect(error.requestFate).toBe('not-sent');
  });

  it('insecureSkipVerify connects to an untrusted server and warns at every creation', async () => {
    const logger = recordingLogger();
    await using first = createUndiciTransport({ tls: { insecureSkipVerify: true }, logger, proxy: false });
    expect((await first.send(ewsRequest(server.url))).status).toBe(200);
    await using second = createUndiciTransport({ tls: { insecureSkipVerify: true }, logger, proxy: false });
    expect(second).toBeDefined();
    expect(logger.warnings).toHaveLength(2);
    expect(logger.warnings[0]).toMatch(/verification is OFF/);
    const quiet = recordingLogger();
    await using verified = createUndiciTransport({ tls: { ca: fixtures.ca }, logger: quiet, proxy: false });
    expect(verified).toBeDefined();
    expect(quiet.warnings).toHaveLength(0);
  });

  it('checks the servername option against the certificate', async () => {
    await using good = createUndiciTransport({
      tls: { ca: fixtures.ca, servername: 'localhost' },
      proxy: false,
    });
    expect((await good.send(ewsRequest(server.url))).status).toBe(200);
    await using bad = createUndiciTransport({
      tls: { ca: fixtures.ca, servername: 'mail.example.com' },
      proxy: false,
    });
    const error = await rejectionOf(bad.send(ewsRequest(server.url)));
    expect(error.code).toBe('EWS_TRANSPORT');
    expect((error as EwsError & { transportCode?: string }).transportCode).toBe(
      'ERR_TLS_CERT_ALTNAME_INVALID',
    );
  });

  it('speaks HTTP/1.1 even to a server that offers h2', async () => {
    const h2 = http2.createSecureServer({ ...fixtures.server, allowHTTP1: true }, (request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`version=${request.httpVersion}`);
    });
    await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = h2.address() as AddressInfo;
      await using transport = createUndiciTransport({ tls: { ca: fixtures.ca }, proxy: false });
      const response = await transport.send(ewsRequest(`https://127.0.0.1:${port}/EWS/Exchange.asmx`));
      expect(response.body).toBe('version=1.1');
    } finally {
      await new Promise<void>((resolve) => h2.close(() => resolve()));
    }
  });
});

describe('client certificates', () => {
  it('a server that requires a client certificate refuses a client without one', async () => {
    await using transport = createUndiciTransport({ tls: { ca: fixtures.ca }, proxy: false });
    const error = await rejectionOf(transport.send(ewsRequest(mtlsServer.url)));
    expect(error.code).toBe('EWS_TRANSPORT');
  });

  it('presents a PEM certificate and key', async () => {
    await using transport = createUndiciTransport({
      tls: { ca: fixtures.ca, cert: fixtures.client.cert, key: fixtures.client.key },
      proxy: false,
    });
    const response = await transport.send(ewsRequest(mtlsServer.url));
    expect(response.body).toBe('client=ews test client');
  });

  it('presents a PFX bundle opened with its passphrase', async () => {
    await using transport = createUndiciTransport({
      tls: { ca: fixtures.ca, pfx: new Uint8Array(fixtures.clientPfx), passphrase: fixtures.pfxPassphrase },
      proxy: false,
    });
    const response = await transport.send(ewsRequest(mtlsServer.url));
    expect(response.body).toBe('client=ews test client');
  });

  it('a PFX with the wrong passphrase fails without echoing either passphrase', async () => {
    await using transport = createUndiciTransport({
      tls: { ca: fixtures.ca, pfx: fixtures.clientPfx, passphrase: 'not-the-passphrase' },
      proxy: false,
    });
    const error = await rejectionOf(transport.send(ewsRequest(mtlsServer.url)));
    expect(error.code).toBe('EWS_TRANSPORT');
    expect(error.message).not.toContain('not-the-passphrase');
    expect(error.message).not.toContain(fixtures.pfxPassphrase);
  });

  it('a client certificate from a rogue CA is refused', async () => {
    await using transport = createUndiciTransport({
      tls: { ca: fixtures.ca, cert: fixtures.rogueClient.cert, key: fixtures.rogueClient.key },
      proxy: false,
    });
    const error = await rejectionOf(transport.send(ewsRequest(mtlsServer.url)));
    expect(error.code).toBe('EWS_TRANSPORT');
  });
});
