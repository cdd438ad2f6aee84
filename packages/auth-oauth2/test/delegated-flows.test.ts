import { EwsAbortError, EwsAuthError, EwsClient } from '@ews/core';
import { type AuthConformanceReport, runAuthConformance } from '@ews/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DeviceCodePrompt,
  OAuth2AuthorizationCodeCredentials,
  OAuth2DeviceCodeCredentials,
  OAuth2InteractiveCredentials,
  OAuth2LegacyCredentials,
  type OAuth2TokenCredential,
} from '../src/index.js';
import { createMemoryTokenCacheStore } from '../src/token-cache-store.js';
import { jwtBearerHandler } from './helpers/ews-stand-in.js';
import {
  ALICE,
  ALICE_PASSWORD,
  browse,
  GET_FOLDER_BODY,
  type OAuthFixture,
  PUBLIC_APP_ID,
  signInWithBrowser,
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

const signal = (): AbortSignal => new AbortController().signal;
const grants = (since: number) =>
  fx.identity.tokenRequests.slice(since).map((r) => `${r.grantType}:${r.status}`);

/** Two GetFolder calls through EwsClient; returns what the EWS stand-in saw. */
async function twoCalls(credentials: OAuth2TokenCredential) {
  const before = fx.ews.exchanges.length;
  const ews = new EwsClient({
    url: fx.ews.url,
    auth: credentials.toAuthStrategy(),
    tls: { ca: fx.pki.caCert },
  });
  try {
    for (let i = 0; i < 2; i += 1) {
      const response = await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
      expect(response.messages[0]?.responseClass).toBe('Success');
    }
  } finally {
    await ews.close();
  }
  return fx.ews.exchanges.slice(before);
}

const REDIRECT = 'http://localhost:53117/auth/callback';

/** Runs the browser part of the authorization code flow and returns the code. */
async function authorizationCode(): Promise<string> {
  const url = new URL(`${fx.identity.authorityHost}/${fx.msal.tenantId}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id: PUBLIC_APP_ID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'https://outlook.office365.com/EWS.AccessAsUser.All offline_access',
    state: 'xyz',
  }).toString();
  const answer = await browse(url.toString(), fx.pki.caCert);
  const code = new URL(answer.location ?? 'http://x/').searchParams.get('code');
  if (!code) throw new Error('no code');
  return code;
}

const legacy = (password = ALICE_PASSWORD) =>
  new OAuth2LegacyCredentials({ ...fx.msal, clientId: PUBLIC_APP_ID, username: ALICE, password });

describe('OAuth2LegacyCredentials (ROPC)', () => {
  it('signs in with the password, anchors on the user, and refreshes with the refresh token', async () => {
    fx.identity.lifetimeSeconds = 60; // always inside the refresh window: the second call refreshes
    const before = fx.identity.tokenRequests.length;
    try {
      const seen = await twoCalls(legacy());
      expect(seen.map((e) => [e.status, e.user, e.anchorMailbox])).toEqual([
        [200, ALICE, ALICE],
        [200, ALICE, ALICE],
      ]);
      expect(decodeJwt(seen[0]?.token ?? '').claims.scp).toBe('EWS.AccessAsUser.All');
    } finally {
      fx.identity.lifetimeSeconds = 3600;
    }
    expect(grants(before)).toEqual(['password:200', 'refresh_token:200']);
    const scope = fx.identity.tokenRequests[before]?.scope.split(' ') ?? [];
    expect(scope).toContain('https://outlook.office365.com/EWS.AccessAsUser.All');
  });

  it('signs in again with the password when the refresh token was revoked', async () => {
    const credentials = legacy();
    const first = await credentials.getToken({ signal: signal() });
    fx.identity.revokeRefreshTokens();
    const before = fx.identity.tokenRequests.length;
    fx.identity.lifetimeSeconds = 60;
    try {
      // MSAL's cached token is still the one handed out: the source forces a refresh, which fails, then signs in.
      const second = await credentials.getToken({ signal: signal() });
      expect(second.token).not.toBe(first.token);
    } finally {
      fx.identity.lifetimeSeconds = 3600;
    }
    expect(grants(before)).toEqual(['refresh_token:400', 'password:200']);
  });

  it('reports a wrong password with the AADSTS code and without the password', async () => {
    const error = await legacy('not-the-password-42')
      .getToken({ signal: signal() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EwsAuthError);
    expect((error as Error).message).toContain('AADSTS50126');
    expect(String(error) + JSON.stringify(error)).not.toContain('not-the-password-42');
  });

  it('passes the auth conformance suite', async () => {
    const report = await runAuthConformance({
      name: 'OAuth2LegacyCredentials',
      create: () => legacy().toAuthStrategy(),
      secrets: [ALICE_PASSWORD],
      server: jwtBearerHandler(fx.identity.publicKey),
      expectedUser: ALICE,
    });
    // Request-bound: no state per socket.
    expect(skippedChecks(report)).toEqual(['forgets the sockets that closed']);
  });
});

describe('OAuth2AuthorizationCodeCredentials', () => {
  const fromCode = (code: string) =>
    new OAuth2AuthorizationCodeCredentials({
      ...fx.msal,
      clientId: PUBLIC_APP_ID,
      authorizationCode: code,
      redirectUri: REDIRECT,
    });

  it('redeems the code once, then uses the refresh token', async () => {
    const code = await authorizationCode();
    const before = fx.identity.tokenRequests.length;
    fx.identity.lifetimeSeconds = 60;
    try {
      const seen = await twoCalls(fromCode(code));
      expect(seen.map((e) => [e.status, e.user, e.anchorMailbox])).toEqual([
        [200, ALICE, ALICE],
        [200, ALICE, ALICE],
      ]);
    } finally {
      fx.identity.lifetimeSeconds = 3600;
    }
    expect(grants(before)).toEqual(['authorization_code:200', 'refresh_token:200']);
  });

  it('starts from saved tokens: the access token first, then the refresh token', async () => {
    const saved = await fx.identity.tokenRequests.length;
    const seed = legacy();
    await seed.getToken({ signal: signal() });
    // Fish the refresh token out of a fresh ROPC answer the way an app would have saved it.
    const response = await fetchTokens();
    const credentials = new OAuth2AuthorizationCodeCredentials({
      ...fx.msal,
      clientId: PUBLIC_APP_ID,
      accessToken: response.access_token,
      expiresOnTimestamp: Date.now() + 60_000, // inside the refresh window after first use
      refreshToken: response.refresh_token,
    });
    const first = await credentials.getToken({ signal: signal() });
    expect(first.token).toBe(response.access_token);
    const before = fx.identity.tokenRequests.length;
    const second = await credentials.getToken({ signal: signal() });
    expect(second.token).not.toBe(response.access_token);
    expect(grants(before)).toEqual(['refresh_token:200']);
    expect(saved).toBeLessThan(before);
  });

  it('says the user must sign in again once the code is used up', async () => {
    const code = await authorizationCode();
    const credentials = fromCode(code);
    fx.identity.lifetimeSeconds = 60;
    try {
      await credentials.getToken({ signal: signal() });
      fx.identity.revokeRefreshTokens();
      const error = await credentials.getToken({ signal: signal() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EwsAuthError);
      expect((error as Error).message).toContain('AADSTS700082');
    } finally {
      fx.identity.lifetimeSeconds = 3600;
    }
  });

  it('passes the auth conformance suite', async () => {
    // One single-use code per strategy the kit creates (one per check: 10 since issue 16 added two).
    const codes = await Promise.all(Array.from({ length: 10 }, () => authorizationCode()));
    const report = await runAuthConformance({
      name: 'OAuth2AuthorizationCodeCredentials',
      create: () => fromCode(codes.pop() ?? '').toAuthStrategy(),
      secrets: [],
      server: jwtBearerHandler(fx.identity.publicKey),
      expectedUser: ALICE,
    });
    // Request-bound (no state per socket), and no secret handed to the kit to look for.
    expect(skippedChecks(report)).toEqual([
      'secrets absent when the strategy is printed',
      'forgets the sockets that closed',
      'secrets absent from thrown errors',
    ]);
  });
});

/** A raw ROPC call, as an app that stored tokens itself would have made earlier. */
async function fetchTokens(): Promise<{ access_token: string; refresh_token: string }> {
  const { request } = await import('node:https');
  const body = new URLSearchParams({
    grant_type: 'password',
    client_id: PUBLIC_APP_ID,
    username: ALICE,
    password: ALICE_PASSWORD,
    scope: 'https://outlook.office365.com/EWS.AccessAsUser.All offline_access',
  }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      fx.identity.tokenEndpoint,
      {
        method: 'POST',
        ca: fx.pki.caCert,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('OAuth2DeviceCodeCredentials', () => {
  it('shows the code, waits while the user signs in, and then calls EWS as the user', async () => {
    const prompts: DeviceCodePrompt[] = [];
    fx.identity.devicePendingPolls = 1;
    const before = fx.identity.tokenRequests.length;
    try {
      const seen = await twoCalls(
        new OAuth2DeviceCodeCredentials({
          ...fx.msal,
          clientId: PUBLIC_APP_ID,
          onDeviceCode: (p) => prompts.push(p),
        }),
      );
      expect(seen.map((e) => [e.status, e.user, e.anchorMailbox])).toEqual([
        [200, ALICE, ALICE],
        [200, ALICE, ALICE],
      ]);
    } finally {
      fx.identity.devicePendingPolls = 0;
    }
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.userCode).toMatch(/^[0-9A-F]{8}$/);
    expect(prompts[0]?.message).toContain(prompts[0]?.userCode);
    expect(grants(before).filter((g) => g.startsWith('device_code') || g.startsWith('urn'))).toHaveLength(2);
  });

  it('stops polling when the caller aborts while the user has not finished', async () => {
    const controller = new AbortController();
    let markShown: () => void = () => undefined;
    const shown = new Promise<void>((resolve) => {
      markShown = resolve;
    });
    const credentials = new OAuth2DeviceCodeCredentials({
      ...fx.msal,
      clientId: PUBLIC_APP_ID,
      onDeviceCode: () => markShown(),
    });
    fx.identity.devicePendingPolls = 1_000;
    try {
      const pending = credentials.getToken({ signal: controller.signal });
      await shown;
      controller.abort(new Error('user pressed Ctrl+C'));
      await expect(pending).rejects.toBeInstanceOf(EwsAbortError);
      const polls = (): number => fx.identity.count('device_code', 400);
      const atAbort = polls();
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // more than two polling intervals
      expect(polls() - atAbort).toBeLessThanOrEqual(1); // at most the poll already in flight
    } finally {
      fx.identity.devicePendingPolls = 0;
    }
  });

  it('passes the auth conformance suite', async () => {
    const report = await runAuthConformance({
      name: 'OAuth2DeviceCodeCredentials',
      create: () =>
        new OAuth2DeviceCodeCredentials({
          ...fx.msal,
          clientId: PUBLIC_APP_ID,
          onDeviceCode: () => undefined,
        }).toAuthStrategy(),
      secrets: [],
      server: jwtBearerHandler(fx.identity.publicKey),
      expectedUser: ALICE,
    });
    // Request-bound (no state per socket), and no secret handed to the kit to look for.
    expect(skippedChecks(report)).toEqual([
      'secrets absent when the strategy is printed',
      'forgets the sockets that closed',
      'secrets absent from thrown errors',
    ]);
  });
});

describe('OAuth2InteractiveCredentials', () => {
  const interactive = (opened: string[]) =>
    new OAuth2InteractiveCredentials({
      ...fx.msal,
      clientId: PUBLIC_APP_ID,
      loginHint: ALICE,
      openBrowser: async (url) => {
        opened.push(url);
        // The "browser": the identity server signs Alice in and redirects to MSAL's loopback listener.
        await signInWithBrowser(url, fx.pki.caCert);
      },
    });

  it('opens the browser once, redeems the code with PKCE, and later refreshes silently', async () => {
    const opened: string[] = [];
    const before = fx.identity.tokenRequests.length;
    fx.identity.lifetimeSeconds = 60;
    try {
      const seen = await twoCalls(interactive(opened));
      expect(seen.map((e) => [e.status, e.user, e.anchorMailbox])).toEqual([
        [200, ALICE, ALICE],
        [200, ALICE, ALICE],
      ]);
    } finally {
      fx.identity.lifetimeSeconds = 3600;
    }
    expect(opened).toHaveLength(1);
    const authorize = new URL(opened[0] ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+/);
    expect(authorize.searchParams.get('login_hint')).toBe(ALICE);
    expect(grants(before)).toEqual(['authorization_code:200', 'refresh_token:200']);
  });

  it('signs in once: a later process with the same cache store opens no browser', async () => {
    const tokenCache = createMemoryTokenCacheStore();
    const opened: string[] = [];
    const first = await new OAuth2InteractiveCredentials({
      ...fx.msal,
      clientId: PUBLIC_APP_ID,
      tokenCache,
      openBrowser: async (url) => {
        opened.push(url);
        await signInWithBrowser(url, fx.pki.caCert);
      },
    }).getToken({ signal: signal() });
    const before = fx.identity.tokenRequests.length;
    const later = new OAuth2InteractiveCredentials({
      ...fx.msal,
      clientId: PUBLIC_APP_ID,
      tokenCache,
      openBrowser: () => Promise.reject(new Error('the browser must not open again')),
    });
    expect((await later.getToken({ signal: signal() })).token).toBe(first.token);
    expect(opened).toHaveLength(1);
    expect(grants(before)).toEqual([]);
  });

  it('passes the auth conformance suite', async () => {
    const report = await runAuthConformance({
      name: 'OAuth2InteractiveCredentials',
      create: () => interactive([]).toAuthStrategy(),
      secrets: [],
      server: jwtBearerHandler(fx.identity.publicKey),
      expectedUser: ALICE,
    });
    // Request-bound (no state per socket), and no secret handed to the kit to look for.
    expect(skippedChecks(report)).toEqual([
      'secrets absent when the strategy is printed',
      'forgets the sockets that closed',
      'secrets absent from thrown errors',
    ]);
  });
});
