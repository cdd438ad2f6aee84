import { EwsAbortError, EwsAuthError, EwsClient, silentLogger } from '@ews/core';
import { type AuthConformanceReport, runAuthConformance } from '@ews/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuth2Auth, OAuth2Credentials } from '../src/index.js';
import { createMemoryTokenCacheStore } from '../src/token-cache-store.js';
import { jwtBearerHandler } from './helpers/ews-stand-in.js';
import {
  APP_ID,
  APP_SECRET,
  CERT_APP_ID,
  GET_FOLDER_BODY,
  type OAuthFixture,
  startFixture,
} from './helpers/fixture.js';
import { decodeJwt } from './helpers/jwt.js';

/** The kit's checks that did not run (the run resolving means every other one ran and passed). */
function skippedChecks(report: AuthConformanceReport): string[] {
  return report.checks.filter((check) => check.status === 'skipped').map((check) => check.name);
}

let fx: OAuthFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx?.close();
});

function client(auth: OAuth2Credentials, impersonate?: string): EwsClient {
  return new EwsClient({
    url: fx.ews.url,
    auth: auth.toAuthStrategy(),
    tls: { ca: fx.pki.caCert },
    negotiateVersion: false,
    ...(impersonate === undefined ? {} : { impersonation: { primarySmtpAddress: impersonate } }),
  });
}

function secretCredentials(
  extra: Partial<ConstructorParameters<typeof OAuth2Credentials>[0]> = {},
): OAuth2Credentials {
  return new OAuth2Credentials({
    ...fx.msal,
    tenantId: fx.msal.tenantId ?? '',
    clientId: APP_ID,
    clientSecret: APP_SECRET,
    ...extra,
  });
}

const newRequests = (since: number) => fx.identity.tokenRequests.slice(since);

describe('OAuth2Credentials (client credentials)', () => {
  it('gets an app-only token for outlook.office365.com/.default and impersonates with X-AnchorMailbox', async () => {
    const before = fx.identity.tokenRequests.length;
    const ewsBefore = fx.ews.exchanges.length;
    const ews = client(secretCredentials(), 'bob@contoso.example');
    try {
      for (let i = 0; i < 2; i += 1) {
        const response = await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
        expect(response.messages[0]?.responseClass).toBe('Success');
      }
    } finally {
      await ews.close();
    }
    const requests = newRequests(before);
    expect(requests).toHaveLength(1); // the second call used the cached token
    expect(requests[0]).toMatchObject({ grantType: 'client_credentials', clientAuth: 'secret', status: 200 });
    expect(requests[0]?.scope.split(' ')).toContain('https://outlook.office365.com/.default');
    const seen = fx.ews.exchanges.slice(ewsBefore);
    expect(seen.map((e) => [e.status, e.user, e.anchorMailbox, e.impersonated])).toEqual([
      [200, `app:${APP_ID}`, 'bob@contoso.example', 'bob@contoso.example'],
      [200, `app:${APP_ID}`, 'bob@contoso.example', 'bob@contoso.example'],
    ]);
    expect(decodeJwt(seen[0]?.token ?? '').claims.roles).toEqual(['full_access_as_app']);
  });

  it('defaults X-AnchorMailbox to the identity when the call does not impersonate', async () => {
    const ewsBefore = fx.ews.exchanges.length;
    const ews = client(secretCredentials({ identity: { primarySmtpAddress: 'carol@contoso.example' } }));
    try {
      await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
    } finally {
      await ews.close();
    }
    expect(fx.ews.exchanges.slice(ewsBefore).map((e) => e.anchorMailbox)).toEqual(['carol@contoso.example']);
  });

  it('keeps the anchor of an impersonating call over the identity default', async () => {
    const ewsBefore = fx.ews.exchanges.length;
    const ews = client(
      secretCredentials({ identity: { primarySmtpAddress: 'carol@contoso.example' } }),
      'dave@contoso.example',
    );
    try {
      await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
    } finally {
      await ews.close();
    }
    expect(fx.ews.exchanges.slice(ewsBefore).map((e) => [e.anchorMailbox, e.impersonated])).toEqual([
      ['dave@contoso.example', 'dave@contoso.example'],
    ]);
  });

  it('does not trust an identity endpoint whose CA it was not given', async () => {
    const { networkClient: _trusting, ...untrusting } = fx.msal;
    const credentials = new OAuth2Credentials({
      ...untrusting,
      tenantId: fx.msal.tenantId ?? '',
      clientId: APP_ID,
      clientSecret: APP_SECRET,
    });
    const before = fx.identity.tokenRequests.length;
    const error = await credentials
      .getToken({ signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EwsAuthError);
    expect(fx.identity.tokenRequests.length).toBe(before);
  });

  it('authenticates with a certificate: MSAL signs a client assertion the server verifies', async () => {
    const before = fx.identity.tokenRequests.length;
    const credentials = new OAuth2Credentials({
      ...fx.msal,
      tenantId: fx.msal.tenantId ?? '',
      clientId: CERT_APP_ID,
      clientCertificate: { certificate: fx.pki.appCert, privateKey: fx.pki.appKeyPkcs1 },
    });
    const token = await credentials.getToken({ signal: new AbortController().signal });
    expect(decodeJwt(token.token).claims.appid).toBe(CERT_APP_ID);
    expect(newRequests(before)).toMatchObject([
      { grantType: 'client_credentials', clientAuth: 'assertion', status: 200 },
    ]);
  });

  it('reports a refused client secret as EwsAuthError with the AADSTS code and without the secret', async () => {
    const credentials = secretCredentials({ clientSecret: 'wrong-secret-value-123' });
    const error = await credentials
      .getToken({ signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EwsAuthError);
    expect(String((error as Error).message)).toContain('AADSTS7000215');
    expect(JSON.stringify(error) + String(error)).not.toContain('wrong-secret-value-123');
  });

  it('refreshes before expiry: a token inside the refresh window is replaced', async () => {
    fx.identity.lifetimeSeconds = 60; // inside the default 2-minute refresh window
    const before = fx.identity.tokenRequests.length;
    const auth = secretCredentials();
    const ews = client(auth);
    try {
      await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
      await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
    } finally {
      fx.identity.lifetimeSeconds = 3600;
      await ews.close();
    }
    expect(newRequests(before).map((r) => r.status)).toEqual([200, 200]);
    const tokens = fx.ews.exchanges.slice(-2).map((e) => e.token);
    expect(new Set(tokens).size).toBe(2);
  });

  it("bypasses MSAL's cache when the refresh window asks for a new token that MSAL still holds", async () => {
    const before = fx.identity.tokenRequests.length;
    const strategy = createOAuth2Auth(secretCredentials({ refreshBeforeExpiryMs: 3_700_000 }));
    const ews = new EwsClient({
      url: fx.ews.url,
      auth: strategy,
      tls: { ca: fx.pki.caCert },
      negotiateVersion: false,
    });
    try {
      await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
      // The 3600 s token is always inside the 3700 s window, while MSAL (5 min margin) still holds it.
      await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
    } finally {
      await ews.close();
    }
    expect(newRequests(before)).toHaveLength(2);
    expect(new Set(fx.ews.exchanges.slice(-2).map((e) => e.token)).size).toBe(2);
  });

  it('shares one token request among concurrent calls', async () => {
    fx.identity.tokenDelayMs = 200;
    const before = fx.identity.tokenRequests.length;
    const ews = client(secretCredentials());
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, () => ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY })),
      );
      expect(results.every((r) => r.messages[0]?.responseClass === 'Success')).toBe(true);
    } finally {
      fx.identity.tokenDelayMs = 0;
      await ews.close();
    }
    expect(newRequests(before)).toHaveLength(1);
  });

  it('on a 401 from EWS fetches exactly one new token and retries once', async () => {
    const ews = client(secretCredentials());
    try {
      await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
      const first = fx.ews.exchanges.at(-1)?.token ?? '';
      fx.ews.revoked.add(first);
      const before = fx.identity.tokenRequests.length;
      const ewsBefore = fx.ews.exchanges.length;
      const response = await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
      expect(response.messages[0]?.responseClass).toBe('Success');
      expect(newRequests(before)).toHaveLength(1);
      const seen = fx.ews.exchanges.slice(ewsBefore);
      expect(seen.map((e) => e.status)).toEqual([401, 200]);
      expect(seen[1]?.token).not.toBe(first);
    } finally {
      await ews.close();
    }
  });

  it('gives a second strategy of the same credentials the token MSAL already holds', async () => {
    const credentials = secretCredentials();
    const signal = new AbortController().signal;
    const before = fx.identity.tokenRequests.length;
    const first = await credentials.getToken({ signal });
    const strategy = credentials.toAuthStrategy();
    const headers = await strategy.authorize(
      { url: new URL(fx.ews.url), method: 'POST', headers: {}, operation: 'GetFolder' },
      {
        signal,
        logger: silentLogger,
        connection: undefined,
        round: 0,
        sideRequest: () => Promise.reject(new Error('none')),
      },
    );
    expect(headers?.authorization).toBe(`Bearer ${first.token}`);
    expect(newRequests(before)).toHaveLength(1);
  });

  it('keeps tokens in the pluggable cache store: a second instance needs no token request', async () => {
    const store = createMemoryTokenCacheStore();
    const signal = new AbortController().signal;
    const first = await secretCredentials({ tokenCache: store }).getToken({ signal });
    expect(await store.load()).toContain(first.token);
    const before = fx.identity.tokenRequests.length;
    const second = await secretCredentials({ tokenCache: store }).getToken({ signal });
    expect(second.token).toBe(first.token);
    expect(newRequests(before)).toHaveLength(0);
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(secretCredentials().getToken({ signal: controller.signal })).rejects.toBeInstanceOf(
      EwsAbortError,
    );
  });

  it('passes the auth conformance suite (secret and certificate)', async () => {
    const handler = jwtBearerHandler(fx.identity.publicKey);
    const secret = await runAuthConformance({
      name: 'OAuth2Credentials (secret)',
      create: () => secretCredentials().toAuthStrategy(),
      secrets: [APP_SECRET],
      server: handler,
      expectedUser: `app:${APP_ID}`,
    });
    const certificate = await runAuthConformance({
      name: 'OAuth2Credentials (certificate)',
      create: () =>
        new OAuth2Credentials({
          ...fx.msal,
          tenantId: fx.msal.tenantId ?? '',
          clientId: CERT_APP_ID,
          clientCertificate: { certificate: fx.pki.appCert, privateKey: fx.pki.appKeyPkcs1 },
        }).toAuthStrategy(),
      secrets: [fx.pki.appKeyPkcs1],
      server: handler,
      expectedUser: `app:${CERT_APP_ID}`,
    });
    // Request-bound: no state per socket; every other check ran.
    for (const report of [secret, certificate])
      expect(skippedChecks(report)).toEqual(['forgets the sockets that closed']);
  });
});
