import { EwsAuthError, silentLogger } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { createNtlmAuth } from '../src/index.js';
import { makeCertificate } from './support/certificates.js';
import { cleanupAfterEach, getFolderClient, ntlmServer, PASSWORD, waitFor } from './support/loopback-ntlm.js';

// Issue 12, defect 1: the channel binding was lost on every TLS connection after the first
// (undici resumed the TLS session, and a resumed session reports no peer certificate). Through
// the public client path (EwsClient + createNtlmAuth) against @ews/test-server, whose NTLM
// requires the binding over https by default, as Exchange 2019 CU14+ does.

const defer = cleanupAfterEach();

function ewsClient(url: string, ca: string | string[], channelBinding: 'auto' | 'off' = 'auto') {
  const auth = createNtlmAuth({ username: 'CONTOSO\\alice', password: PASSWORD, channelBinding });
  return getFolderClient(defer, url, ca, auth);
}

describe('NTLM channel binding on every TLS connection (EwsClient + createNtlmAuth)', () => {
  it('four concurrent calls after a warm-up: every new socket resumes the TLS session and is bound', async () => {
    const { server, signIns, refused } = await ntlmServer(defer);
    const { call } = ewsClient(server.url, server.tls?.ca ?? '');
    expect((await call()).status).toBe(200);
    const answers = await Promise.all([1, 2, 3, 4].map(() => call()));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(refused).toEqual([]);
    // One handshake per socket: the warm one and at least three new ones.
    expect(signIns.length).toBeGreaterThanOrEqual(4);
    expect(signIns.every((signIn) => signIn.channelBound === true)).toBe(true);
    // The server's own socket says the session was resumed: the binding survived resumption.
    expect(signIns[0]?.tlsSessionReused).toBe(false);
    expect(signIns.slice(1).every((signIn) => signIn.tlsSessionReused === true)).toBe(true);
  });

  it('the first call after the server closed the idle socket reconnects on a resumed session and is bound', async () => {
    const { server, signIns, refused } = await ntlmServer(defer, { keepAliveTimeoutMs: 100 });
    const { call, closed } = ewsClient(server.url, server.tls?.ca ?? '');
    expect((await call()).status).toBe(200);
    await waitFor(() => closed.length === 1); // the server's keep-alive timeout closed it
    for (let i = 0; i < 2; i++) {
      expect((await call()).status).toBe(200);
      await waitFor(() => closed.length === i + 2);
    }
    expect(refused).toEqual([]);
    expect(signIns.map((signIn) => [signIn.tlsSessionReused, signIn.channelBound])).toEqual([
      [false, true],
      [true, true],
      [true, true],
    ]);
  });

  it('a server restarted with another certificate: the old session is refused, the binding follows the new certificate', async () => {
    const first = makeCertificate('rsa-sha256');
    const second = makeCertificate('ecdsa-sha384');
    const before = await ntlmServer(defer, { tls: first });
    const port = Number(new URL(before.server.url).port);
    const { call } = ewsClient(before.server.url, [first.cert, second.cert]);
    expect((await call()).status).toBe(200);
    await before.server.close();
    const after = await ntlmServer(defer, { tls: second, port });
    expect((await call()).status).toBe(200);
    expect(after.refused).toEqual([]);
    expect(after.signIns).toEqual([
      { mailbox: expect.any(String), tlsSessionReused: false, channelBound: true },
    ]);
  });

  it("the test server requires the binding over https by default: channelBinding 'off' is refused", async () => {
    const { server, refused } = await ntlmServer(defer);
    const { call } = ewsClient(server.url, server.tls?.ca ?? '', 'off');
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EwsAuthError);
    expect(refused).toEqual(['missing channel binding']);
  });
});

describe('createNtlmAuth never sends an unbound AUTHENTICATE over TLS', () => {
  const challengeFor = async (url: URL, connection: { id: number; peerCertificate?: Uint8Array }) => {
    const auth = createNtlmAuth({ username: 'CONTOSO\\alice', password: PASSWORD });
    const request = { url, method: 'POST' as const, headers: {}, operation: 'GetFolder' };
    const context = {
      signal: new AbortController().signal,
      logger: silentLogger,
      connection,
      round: 1,
      sideRequest: () => Promise.reject(new Error('unused')),
    };
    const negotiate = await auth.authorize(request, context);
    const { buildChallenge } = await import('./support/ntlm-verifier.js');
    const token = Buffer.from(
      buildChallenge(Buffer.from(negotiate?.authorization?.slice(5) ?? '', 'base64')).challenge,
    ).toString('base64');
    return auth.onChallenge?.(
      {
        request,
        response: { status: 401, headers: { 'www-authenticate': [`NTLM ${token}`] }, body: '' },
        challenges: [{ scheme: 'NTLM', params: {}, token }],
      },
      context,
    );
  };

  it('over https without the connection certificate: EWS_AUTH naming the cause, not a silent empty binding', async () => {
    const error = await challengeFor(new URL('https://mail.example/EWS/Exchange.asmx'), { id: 7 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EwsAuthError);
    expect((error as EwsAuthError).code).toBe('EWS_AUTH');
    expect((error as EwsAuthError).message).toMatch(/did not report the server certificate/);
    expect((error as EwsAuthError).message).not.toContain(PASSWORD);
    expect((error as EwsAuthError).offeredSchemes).toEqual(['NTLM']);
  });

  it('with a certificate over https, and over plain http (nothing to bind to), it answers', async () => {
    const der = new Uint8Array((await import('node:crypto')).randomBytes(300));
    const bound = await challengeFor(new URL('https://mail.example/EWS/Exchange.asmx'), {
      id: 8,
      peerCertificate: der,
    });
    expect(bound?.authorization).toMatch(/^NTLM TlRMTVNTUAAD/);
    const plain = await challengeFor(new URL('http://mail.example/EWS/Exchange.asmx'), { id: 9 });
    expect(plain?.authorization).toMatch(/^NTLM TlRMTVNTUAAD/);
  });
});
