import { EwsAuthError, EwsClient, type LogFields, type Logger } from '@ews/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth2Credentials } from '../src/index.js';
import { APP_ID, APP_SECRET, GET_FOLDER_BODY, type OAuthFixture, startFixture } from './helpers/fixture.js';

// Token requests go through core's sideRequest: the EwsClient's transport, with its TLS options
// (here a private CA that only the client trusts), its proxy and dispatcher, and its logger, as
// Octokit's core hands its request to auth strategies. Before, MSAL used a network module of its
// own, blind to the client's settings: a private CA had to be configured twice.

let fx: OAuthFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx?.close();
});

function recordingLogger(): { logger: Logger; lines: { message: string; fields: LogFields | undefined }[] } {
  const lines: { message: string; fields: LogFields | undefined }[] = [];
  const record = (message: string, fields?: LogFields) => lines.push({ message, fields });
  return { logger: { debug: record, info: record, warn: record, error: record }, lines };
}

/** Client-credentials options with no network module: nothing of its own trusts the private CA. */
function credentials(): OAuth2Credentials {
  const { networkClient: _own, ...msal } = fx.msal;
  return new OAuth2Credentials({
    ...msal,
    tenantId: msal.tenantId ?? '',
    clientId: APP_ID,
    clientSecret: APP_SECRET,
  });
}

describe("OAuth2 token requests go through the EwsClient's transport", () => {
  it("reach a token endpoint behind a private CA that only the client's TLS options trust, logged by its logger", async () => {
    const before = fx.identity.tokenRequests.length;
    const { logger, lines } = recordingLogger();
    const ews = new EwsClient({
      url: fx.ews.url,
      auth: credentials().toAuthStrategy(),
      tls: { ca: fx.pki.caCert },
      negotiateVersion: false,
      logger,
    });
    try {
      const response = await ews.send({ operation: 'GetFolder', body: GET_FOLDER_BODY });
      expect(response.messages[0]?.responseClass).toBe('Success');
    } finally {
      await ews.close();
    }
    expect(fx.identity.tokenRequests.slice(before)).toMatchObject([
      { grantType: 'client_credentials', clientAuth: 'secret', status: 200 },
    ]);
    // The client's logger saw the identity exchanges (MSAL's metadata GET and the token POST),
    // with the credentials redacted.
    const side = lines.filter((line) => line.fields?.operation === 'AuthSideRequest');
    const responses = side.filter((line) => line.message === 'ews: response');
    expect(responses.length).toBeGreaterThanOrEqual(1);
    expect(responses.every((line) => line.fields?.status === 200)).toBe(true);
    const posted = side.find((line) => line.message === 'ews: request' && line.fields?.method === 'POST');
    expect(String(posted?.fields?.url)).toContain('/oauth2/v2.0/token');
    expect(JSON.stringify(lines)).not.toContain(APP_SECRET);
  });

  it('without a client behind it (a direct getToken), the private CA is not trusted: the client made the difference', async () => {
    await expect(credentials().getToken({ signal: new AbortController().signal })).rejects.toBeInstanceOf(
      EwsAuthError,
    );
  });
});
