import { inspect } from 'node:util';
import { EwsAuthError, type EwsError, EwsInvalidArgumentError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { createNtlmAuth } from '../src/index.js';
import { makeCertificate } from './support/certificates.js';
import { cleanupAfterEach } from './support/loopback-ntlm.js';
import { type NtlmServerOptions, type NtlmTestServer, startNtlmServer } from './support/ntlm-http-server.js';
import { SingleSocketDriver } from './support/single-socket-driver.js';

const account = { user: 'alice', domain: 'EWS', password: 'Alice-Passw0rd' };
const PASSWORD = account.password;

const defer = cleanupAfterEach();

async function serve(options: Omit<NtlmServerOptions, 'account'> = {}): Promise<NtlmTestServer> {
  const server = await startNtlmServer({ account, ...options });
  defer(() => server.close());
  return server;
}

function drive(
  server: NtlmTestServer,
  auth = createNtlmAuth({ username: 'EWS\\alice', password: PASSWORD }),
  ca?: string,
) {
  const driver = new SingleSocketDriver(server.url, auth, ca ? { ca } : {});
  defer(() => driver.close());
  return driver;
}

describe('createNtlmAuth over one keep-alive socket (loopback NTLM acceptor)', () => {
  it('authenticates in 2 requests, then sends ONE request per call on the SAME socket, without Authorization', async () => {
    const server = await serve();
    const driver = drive(server);
    const first = await driver.call();
    expect(first.response.status).toBe(200);
    expect(first.response.headers['x-user']).toBe('EWS\\alice');
    expect(first.requests).toBe(2); // NEGOTIATE (pre-emptive) + AUTHENTICATE
    for (let i = 0; i < 5; i++) {
      const next = await driver.call();
      expect(next.response.status).toBe(200);
      expect(next.requests).toBe(1);
    }
    expect(server.stats.requests).toBe(7);
    expect(server.stats.connections).toBe(1);
    expect(driver.sockets).toHaveLength(1);
  });

  it('gives up after the AUTHENTICATE is refused (wrong password): bounded, 2 requests', async () => {
    const server = await serve();
    const driver = drive(server, createNtlmAuth({ username: 'EWS\\alice', password: 'wrong' }));
    const result = await driver.call();
    expect(result.response.status).toBe(401);
    expect(result.gaveUp).toBe(true);
    expect(result.requests).toBe(2);
    expect(server.stats.failures).toEqual(['bad NTProofStr']);
  });

  it('answers a server that speaks raw NTLMSSP under Negotiate', async () => {
    const server = await serve({ scheme: 'Negotiate' });
    const driver = drive(server);
    const result = await driver.call();
    expect(result.response.status).toBe(200);
    // NTLM NEGOTIATE ignored (bare Negotiate) -> Negotiate NEGOTIATE -> Negotiate AUTHENTICATE.
    expect(result.requests).toBe(3);
    expect((await driver.call()).requests).toBe(1);
  });

  it('restarts with a NEGOTIATE when the socket that carried the CHALLENGE was closed', async () => {
    const server = await serve({ dropAfterChallenge: 1 });
    const driver = drive(server);
    const result = await driver.call();
    expect(result.response.status).toBe(200);
    expect(result.requests).toBe(4); // NEGOTIATE, AUTHENTICATE on a new socket (refused), NEGOTIATE, AUTHENTICATE
    expect(server.stats.connections).toBe(2);
    expect((await driver.call()).requests).toBe(1);
  });

  it('starts a new handshake when the authenticated socket closes', async () => {
    const server = await serve();
    const driver = drive(server);
    expect((await driver.call()).requests).toBe(2);
    const [socket] = driver.sockets;
    await new Promise<void>((resolve) => {
      socket?.once('close', () => resolve());
      socket?.destroy();
    });
    const again = await driver.call();
    expect(again.response.status).toBe(200);
    expect(again.requests).toBe(2);
    expect(server.stats.connections).toBe(2);
  });

  it('accepts a UPN user name sent whole with an empty domain', async () => {
    const server = await startNtlmServer({
      account: { user: 'alice@ews.test', domain: '', password: PASSWORD },
    });
    defer(() => server.close());
    const driver = drive(server, createNtlmAuth({ username: 'alice@ews.test', password: PASSWORD }));
    const result = await driver.call();
    expect(result.response.status).toBe(200);
    expect(result.response.headers['x-user']).toBe('\\alice@ews.test');
  });
});

describe('channel binding (Extended Protection) over TLS', () => {
  const certificate = makeCertificate('rsa-sha256');
  const ecCertificate = makeCertificate('ecdsa-sha384');

  it('binds to the server certificate (SHA-256 signature): accepted when the server enforces it', async () => {
    const server = await serve({ tls: certificate, enforceChannelBinding: 'sha256' });
    const result = await drive(server, undefined, certificate.cert).call();
    expect(result.response.status).toBe(200);
    expect(server.stats.failures).toEqual([]);
  });

  it('binds with the certificate signature hash (ECDSA SHA-384)', async () => {
    const server = await serve({ tls: ecCertificate, enforceChannelBinding: 'sha384' });
    const result = await drive(server, undefined, ecCertificate.cert).call();
    expect(result.response.status).toBe(200);
  });

  it('is refused when enforcement is on and the binding is missing (channelBinding: off)', async () => {
    const server = await serve({ tls: certificate, enforceChannelBinding: 'sha256' });
    const auth = createNtlmAuth({ username: 'EWS\\alice', password: PASSWORD, channelBinding: 'off' });
    const result = await drive(server, auth, certificate.cert).call();
    expect(result.response.status).toBe(401);
    expect(result.gaveUp).toBe(true);
    expect(server.stats.failures).toEqual(['channel binding mismatch']);
  });

  it('is refused when the binding is for another certificate (wrong hash expected by the server)', async () => {
    const server = await serve({ tls: certificate, enforceChannelBinding: 'sha512' });
    const result = await drive(server, undefined, certificate.cert).call();
    expect(result.response.status).toBe(401);
    expect(server.stats.failures).toEqual(['channel binding mismatch']);
  });

  it('an empty binding is accepted when the server does not enforce it', async () => {
    const server = await serve({ tls: certificate });
    const auth = createNtlmAuth({ username: 'EWS\\alice', password: PASSWORD, channelBinding: 'off' });
    expect((await drive(server, auth, certificate.cert).call()).response.status).toBe(200);
  });
});

describe('createNtlmAuth contract', () => {
  it('is a connection-bound ews.auth.v1 strategy named NTLM', () => {
    const auth = createNtlmAuth({ username: 'EWS\\alice', password: PASSWORD });
    expect(auth).toMatchObject({ specVersion: 'ews.auth.v1', scheme: 'NTLM', binding: 'connection' });
    expect(auth.sendsReusableSecret).toBeFalsy();
  });

  it('never shows the password or its hash', () => {
    const auth = createNtlmAuth({ username: 'EWS\\alice', password: PASSWORD });
    const shown = `${inspect(auth, { depth: 10, showHidden: true })} ${JSON.stringify(auth)} ${Object.keys(auth).join()}`;
    expect(shown).not.toContain(PASSWORD);
    expect(shown).not.toMatch(/[0-9a-f]{32}/i);
  });

  it.each([
    [{ username: '', password: 'x' }],
    [{ username: 'EWS\\alice', password: 5 }],
    [{ username: 'EWS\\alice', password: 'x', channelBinding: 'maybe' }],
    [{ username: 'EWS\\alice', password: 'x', domain: 'OTHER' }],
    [null],
  ])('rejects bad options %j with EWS_INVALID_ARGUMENT, without the password', (options) => {
    let caught: unknown;
    try {
      createNtlmAuth(options as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EwsInvalidArgumentError);
    expect((caught as EwsError).code).toBe('EWS_INVALID_ARGUMENT');
    expect((caught as EwsError).message).not.toContain('Alice-Passw0rd');
  });

  it('honours an aborted signal', async () => {
    const server = await serve();
    const controller = new AbortController();
    controller.abort();
    await expect(drive(server).call('<x/>', controller.signal)).rejects.toMatchObject({
      code: 'EWS_ABORTED',
    });
    expect(server.stats.requests).toBe(0);
  });

  it('sends nothing for a server that does not offer NTLM', async () => {
    const auth = createNtlmAuth({ username: 'EWS\\alice', password: PASSWORD });
    const request = {
      url: new URL('https://mail.example/EWS/Exchange.asmx'),
      method: 'POST' as const,
      headers: {},
      operation: 'GetFolder',
    };
    const context = {
      signal: new AbortController().signal,
      logger: (await import('@ews/core')).silentLogger,
      connection: { id: 1 },
      round: 1,
      sideRequest: () => Promise.reject(new Error('unused')),
    };
    const response = { status: 401, headers: { 'www-authenticate': 'Basic realm="x"' }, body: '' };
    const answer = await auth.onChallenge?.(
      { request, response, challenges: [{ scheme: 'Basic', params: { realm: 'x' } }] },
      context,
    );
    expect(answer).toBeUndefined();
  });
});

describe('createNtlmAuth state machine (direct calls)', () => {
  const url = new URL('http://127.0.0.1/EWS/Exchange.asmx');
  const request = { url, method: 'POST' as const, headers: {}, operation: 'GetFolder' };
  const context = (id: number) => ({
    signal: new AbortController().signal,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    connection: { id },
    round: 1,
    sideRequest: () => Promise.reject(new Error('unused')),
  });
  const challengeOf = (token: string) => ({
    request,
    response: { status: 401, headers: { 'www-authenticate': `NTLM ${token}` }, body: '' },
    challenges: [{ scheme: 'NTLM', params: {}, token }],
  });

  it('gives up when a second CHALLENGE follows its AUTHENTICATE', async () => {
    const auth = createNtlmAuth({ username: 'EWS\\alice', password: PASSWORD });
    const negotiate = await auth.authorize(request, context(1));
    expect(negotiate?.authorization).toMatch(/^NTLM TlRMTVNTUAAB/);
    const token = Buffer.from(
      (await import('./support/ntlm-verifier.js')).buildChallenge(
        Buffer.from(negotiate?.authorization?.slice(5) ?? '', 'base64'),
      ).challenge,
    ).toString('base64');
    const authenticate = await auth.onChallenge?.(challengeOf(token), context(1));
    expect(authenticate?.authorization).toMatch(/^NTLM TlRMTVNTUAAD/);
    expect(await auth.onChallenge?.(challengeOf(token), context(1))).toBeUndefined();
  });

  it('turns an unusable CHALLENGE into an EWS_AUTH error that names no secret', async () => {
    const auth = createNtlmAuth({ username: 'EWS\\alice', password: PASSWORD });
    await auth.authorize(request, context(2));
    const broken = Buffer.from('4e544c4d53535000020000000c000c00ff00000033828ae2', 'hex').toString('base64');
    const padded = Buffer.concat([Buffer.from(broken, 'base64'), Buffer.alloc(24)]).toString('base64');
    let caught: unknown;
    try {
      await auth.onChallenge?.(challengeOf(padded), context(2));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EwsAuthError);
    expect((caught as EwsError).code).toBe('EWS_AUTH');
    expect((caught as EwsAuthError).offeredSchemes).toEqual(['NTLM']);
    expect(inspect(caught)).not.toContain(PASSWORD);
  });
});
