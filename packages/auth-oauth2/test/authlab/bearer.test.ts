import { readFileSync } from 'node:fs';
import { EwsClient } from '@ews/core';
import { sendWithAuth } from '@ews/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpsNetworkClient,
  OAuth2AuthorizationCodeCredentials,
  OAuth2LegacyCredentials,
} from '../../src/index.js';
import { GET_FOLDER_BODY, PUBLIC_APP_ID, TENANT } from '../helpers/fixture.js';
import { IdentityServer } from '../helpers/identity-server.js';
import { createTestPki } from '../helpers/test-pki.js';
import { type LabDescription, readLab } from './lab.js';

// mod_auth_openidc (not code of ours) checks the tokens MSAL got from the loopback identity server.
let lab: LabDescription;
let identity: IdentityServer;
let caCert: string;
const LAB_USER = 'alice@ews.test';
const LAB_PASSWORD = 'Alice-Oauth-Passw0rd';

beforeAll(async () => {
  lab = readLab();
  const pki = createTestPki();
  caCert = pki.caCert;
  identity = await IdentityServer.start({
    cert: pki.serverCert,
    key: pki.serverKey,
    tenantId: TENANT,
    clients: { [PUBLIC_APP_ID]: {} },
    users: { [LAB_USER]: LAB_PASSWORD },
    signingKey: { privateKey: readFileSync(lab.bearer.signing_key, 'utf8'), kid: lab.bearer.kid },
  });
});
afterAll(async () => {
  await identity?.close();
});

const msal = () => ({
  clientId: PUBLIC_APP_ID,
  tenantId: TENANT,
  authorityHost: identity.authorityHost,
  knownAuthorities: [identity.host],
  networkClient: createHttpsNetworkClient({ ca: caCert }),
});

describe('authlab BEARER_TLS (Apache mod_auth_openidc)', () => {
  it('accepts the JWT MSAL obtained, as the upn of the signed-in user', async () => {
    const endpoint = lab.endpoints.BEARER_TLS;
    if (!endpoint) throw new Error('the authlab has no BEARER_TLS endpoint');
    const auth = new OAuth2LegacyCredentials({
      ...msal(),
      username: LAB_USER,
      password: LAB_PASSWORD,
    }).toAuthStrategy();
    const result = await sendWithAuth(auth, {
      url: endpoint.url,
      tls: { ca: readFileSync(lab.ca_cert, 'utf8') },
    });
    expect([result.status, result.user, result.requests]).toEqual([200, endpoint.expect_user, 1]);

    const ews = new EwsClient({
      url: endpoint.url,
      auth,
      tls: { ca: readFileSync(lab.ca_cert, 'utf8') },
      negotiateVersion: false,
    });
    try {
      const response = await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
      // The lab's stand-in answers every operation with ErrorInvalidOperation once authenticated.
      expect(response.messages[0]?.responseCode).toBe('ErrorInvalidOperation');
    } finally {
      await ews.close();
    }
  });

  it("answers the server's invalid_token 401 with one refresh and one retry", async () => {
    const endpoint = lab.endpoints.BEARER_TLS;
    if (!endpoint) throw new Error('the authlab has no BEARER_TLS endpoint');
    const seed = new OAuth2LegacyCredentials({ ...msal(), username: LAB_USER, password: LAB_PASSWORD });
    await seed.getToken({ signal: new AbortController().signal });
    // A saved access token the server no longer accepts (signed by another key), plus a refresh token.
    const refreshToken = await ropcRefreshToken();
    const auth = new OAuth2AuthorizationCodeCredentials({
      ...msal(),
      accessToken: 'eyJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJtYWxsb3J5In0.Zm9yZ2Vk',
      expiresOnTimestamp: Date.now() + 3_600_000,
      refreshToken,
    }).toAuthStrategy();
    const before = identity.count('refresh_token');
    const result = await sendWithAuth(auth, {
      url: endpoint.url,
      tls: { ca: readFileSync(lab.ca_cert, 'utf8') },
    });
    expect([result.status, result.user, result.requests]).toEqual([200, endpoint.expect_user, 2]);
    expect(identity.count('refresh_token') - before).toBe(1);
  });
});

async function ropcRefreshToken(): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'password',
    client_id: PUBLIC_APP_ID,
    username: LAB_USER,
    password: LAB_PASSWORD,
    scope: 'https://outlook.office365.com/EWS.AccessAsUser.All offline_access',
  });
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(identity.tokenEndpoint, { method: 'POST', ca: caCert, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve(
          (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { refresh_token: string }).refresh_token,
        ),
      );
    });
    req.setHeader('content-type', 'application/x-www-form-urlencoded');
    req.on('error', reject);
    req.end(body.toString());
  });
}
