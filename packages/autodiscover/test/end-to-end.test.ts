import { child, childText, createBasicAuth, EwsClient } from '@ews/core';
import { startTestServer, type TestServer } from '@ews/test-server';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Autodiscover, AutodiscoverError, discover } from '../src/index.js';
import { type FakeAnswer, FakeInternet, type SeenRequest } from './support/fake-internet.js';
import {
  getUserSettingsResponse,
  poxRequestFor,
  requestedMailbox,
} from './support/soap-autodiscover-stand-in.js';
import { createTestPki } from './support/test-pki.js';

// Discovery end to end: @ews/test-server (plain http on 127.0.0.1) behind an HTTPS front door
// that plays autodiscover.contoso.test and mail.contoso.test, then a real EWS call with EwsClient.

const PUBLIC_EWS = 'https://mail.contoso.test/EWS/Exchange.asmx';
const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

let server: TestServer;
let internet: FakeInternet;
let dispatcher: Agent;
let ca: string;
let user: { readonly username: string; readonly password: string };

/** Forwards a request to the test server, with the caller's Authorization header. */
async function forward(
  url: string,
  request: SeenRequest,
  body = request.body,
): Promise<{ status: number; body: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      ...(request.authorization ? { authorization: request.authorization } : {}),
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** The test server names its http origin; the front door publishes the https one. */
const publish = (body: string): string => body.replaceAll(server.url, PUBLIC_EWS);

beforeAll(async () => {
  const pki = await createTestPki(['contoso.test']);
  ca = pki.ca;
  server = await startTestServer();
  const first = server.credentials[0];
  if (!first) throw new Error('the test server has no users');
  user = first;
  internet = await FakeInternet.start(pki);
  internet.route(
    'POST',
    'https://autodiscover.contoso.test/autodiscover/autodiscover.xml',
    async (request): Promise<FakeAnswer> => {
      const answer = await forward(server.autodiscoverUrl, request);
      return answer.status === 401
        ? { status: 401, headers: { 'www-authenticate': 'Basic realm="contoso.test"' } }
        : { status: answer.status, body: publish(answer.body) };
    },
  );
  internet.route(
    'POST',
    'https://autodiscover.contoso.test/autodiscover/autodiscover.svc',
    async (request): Promise<FakeAnswer> => {
      const mailbox = requestedMailbox(request.body) ?? '';
      const pox = await forward(server.autodiscoverUrl, request, poxRequestFor(mailbox));
      if (pox.status === 401)
        return { status: 401, headers: { 'www-authenticate': 'Basic realm="contoso.test"' } };
      const build = server.serverVersion.build;
      return {
        status: 200,
        body: getUserSettingsResponse(
          { build, ewsUrl: PUBLIC_EWS },
          mailbox,
          pox.status === 200 ? pox.body : undefined,
        ),
      };
    },
  );
  internet.route('POST', PUBLIC_EWS, async (request): Promise<FakeAnswer> => {
    const answer = await forward(server.url, request);
    return answer.status === 401
      ? { status: 401, headers: { 'www-authenticate': 'Basic realm="contoso.test"' } }
      : { status: answer.status, body: answer.body };
  });
  dispatcher = internet.dispatcher(ca);
});

afterAll(async () => {
  await dispatcher?.close();
  await internet?.close();
  await server?.close();
});

async function inboxTotal(ewsUrl: string): Promise<number> {
  await using ews = new EwsClient({
    url: ewsUrl,
    auth: createBasicAuth({ username: user.username, password: user.password }),
    transport: { dispatcher },
    timeoutMs: 20_000,
  });
  const response = await ews.send({
    operation: 'GetFolder',
    body: `<m:GetFolder ${M} ${T}><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>`,
  });
  expect(response.messages[0]?.responseClass).toBe('Success');
  return Number(childText(child(response.messages[0]?.node, 'Folders', 'Folder'), 'TotalCount'));
}

describe('discovery against @ews/test-server, then EWS', () => {
  it('SOAP GetUserSettings: finds the EWS URL and the build, and the URL works', async () => {
    const auth = createBasicAuth({ username: user.username, password: user.password });
    const result = await discover(user.username, {
      auth,
      transport: { dispatcher },
      dns: { resolveSrv: async () => [] },
    });
    expect(result).toMatchObject({ protocol: 'soap', ewsUrl: PUBLIC_EWS, smtpAddress: user.username });
    expect(result.serverVersion?.build.toString()).toBe(server.serverVersion.build);
    expect(result.serverVersion?.apiVersion).toBeDefined();
    expect(result.userSettings.UserDisplayName).not.toBe('');
    expect(result.trace.at(-1)?.detail).toMatch(/not returned: InternalEwsUrl: SettingIsNotAvailable/);
    expect(await inboxTotal(result.ewsUrl)).toBeGreaterThan(0);
  });

  it("POX: the test server's own Autodiscover answer, then EWS", async () => {
    await using autodiscover = new Autodiscover({
      auth: createBasicAuth({ username: user.username, password: user.password }),
      transport: { dispatcher },
      dns: { resolveSrv: async () => [] },
      protocols: ['pox'],
    });
    const result = await autodiscover.discover(user.username);
    expect(result).toMatchObject({ protocol: 'pox', ewsUrl: PUBLIC_EWS });
    expect(result.userSettings.InternalEwsUrl).toBe(PUBLIC_EWS);
    expect(await inboxTotal(result.ewsUrl)).toBeGreaterThan(0);
  });

  it('a wrong password fails with a trace that says so', async () => {
    const error = await discover(user.username, {
      auth: createBasicAuth({ username: user.username, password: 'wrong' }),
      transport: { dispatcher },
      dns: { resolveSrv: async () => [] },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AutodiscoverError);
    const trace = (error as AutodiscoverError).trace;
    expect(trace.filter((step) => step.errorCode === 'EWS_AUTH').map((step) => step.protocol)).toEqual([
      'soap',
      'pox',
    ]);
    expect((error as Error).message).not.toContain('wrong');
  });

  it('an unknown mailbox ends discovery with mailbox-not-found', async () => {
    const error = await discover('nobody@contoso.test', {
      auth: createBasicAuth({ username: user.username, password: user.password }),
      transport: { dispatcher },
      dns: { resolveSrv: async () => [] },
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: 'mailbox-not-found' });
  });
});
