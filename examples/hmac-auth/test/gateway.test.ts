import { EwsAuthError, EwsClient } from '@ews/core';
import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmacAuth } from '../src/index.js';
import { startVerifyingGateway, type VerifyingGateway } from './support/verifying-gateway.js';

// The plugin end to end: EwsClient + createHmacAuth → a gateway that verifies every signature →
// @ews/test-server, which answers a real GetFolder for the key's mailbox.

const KEY = 'gateway-shared-key-0123456789abcdef!';
const GET_INBOX =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

let server: TestServer;
let gateway: VerifyingGateway;
beforeAll(async () => {
  server = await startTestServer({ port: 0, seed: 'demo' });
  const alice = server.mailboxes.find((mailbox) => mailbox.address === 'alice@contoso.test');
  if (!alice) throw new Error('the demo seed has no alice');
  gateway = await startVerifyingGateway(server.url, {
    keys: { 'app-alice': KEY },
    mailboxes: { 'app-alice': { address: alice.address, password: alice.password } },
  });
});
afterAll(async () => {
  await gateway?.close();
  await server?.close();
});

function client(auth = createHmacAuth({ keyId: 'app-alice', key: KEY })): EwsClient {
  return new EwsClient({ url: gateway.url, auth, negotiateVersion: false });
}

describe('EWS-HMAC behind a verifying gateway', () => {
  it('signs every call: the gateway verifies it and the server answers GetFolder', async () => {
    const before = gateway.verdicts.length;
    const ews = client();
    try {
      for (let call = 0; call < 2; call++) {
        const response = await ews.send({ operation: 'GetFolder', body: GET_INBOX });
        expect(response.messages[0]?.responseClass).toBe('Success');
        expect(response.messages).toHaveLength(1);
        expect(response.messages[0]?.responseCode).toBe('NoError');
      }
    } finally {
      await ews.close();
    }
    // Pre-emptive: no 401 round trip, one request per call.
    expect(gateway.verdicts.slice(before)).toEqual(['forwarded', 'forwarded']);
  });

  it('a wrong key ends in EwsAuthError after one request, with no secret in the error', async () => {
    const before = gateway.verdicts.length;
    const wrong = 'not-the-gateway-key-0123456789abcdef';
    const ews = client(createHmacAuth({ keyId: 'app-alice', key: wrong }));
    try {
      const error = await ews.send({ operation: 'GetFolder', body: GET_INBOX }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EwsAuthError);
      expect((error as EwsAuthError).offeredSchemes).toContain('EWS-HMAC');
      expect(JSON.stringify(error) + String(error)).not.toContain(wrong);
    } finally {
      await ews.close();
    }
    expect(gateway.verdicts.slice(before)).toEqual(['bad-signature']);
  });

  it("a client clock an hour off is refused as stale once, then signed with the server's Date", async () => {
    const before = gateway.verdicts.length;
    const skewed = () => new Date(Date.now() - 3_600_000);
    const ews = client(createHmacAuth({ keyId: 'app-alice', key: KEY, now: skewed }));
    try {
      const response = await ews.send({ operation: 'GetFolder', body: GET_INBOX });
      expect(response.messages[0]?.responseClass).toBe('Success');
    } finally {
      await ews.close();
    }
    expect(gateway.verdicts.slice(before)).toEqual(['stale-date', 'forwarded']);
  });
});
