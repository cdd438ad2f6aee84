import {
  type AuthStrategy,
  createBearerAuth,
  createUndiciTransport,
  detectAuthType,
  EwsAuthError,
  EwsClient,
  SOAP_CONTENT_TYPE,
} from '@ews/core';
import { createEnvelopeRecorder, schemaDir } from '@ews-tools/ews-schema';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestServerOptions } from '../src/index.js';

// @ews/core's Bearer strategy against the server's Bearer auth: the path an app using OAuth2 takes.
const NOW = new Date('2026-03-02T09:30:00Z');
const GET_INBOX =
  '<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

const recorder = createEnvelopeRecorder();
const servers: TestServer[] = [];
const clients: EwsClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  for (const server of servers.splice(0)) await server.close();
});
afterAll(async () => {
  expect(recorder.size).toBeGreaterThan(0);
  await recorder.assertAllValid();
});

async function serve(options: TestServerOptions, clock = { now: NOW.getTime() }): Promise<TestServer> {
  const server = await startTestServer({
    seed: 'empty',
    now: () => new Date(clock.now),
    validateRequests: { schemaDir },
    ...options,
  });
  servers.push(server);
  return server;
}

function clientFor(server: TestServer, auth: AuthStrategy): EwsClient {
  const client = new EwsClient({
    url: server.url,
    auth,
    // Loopback test server: no TLS here, so allow the token over http explicitly.
    allowInsecureHttp: true,
    policies: [recorder.policy],
    timeoutMs: 10_000,
  });
  clients.push(client);
  return client;
}

const getInbox = (client: EwsClient) =>
  client.send({ operation: 'GetFolder', body: GET_INBOX }, { signal: AbortSignal.timeout(10_000) });

/** What an unauthenticated POST is answered with, as core's transport reads it. */
async function probe(server: TestServer) {
  const transport = createUndiciTransport({ connections: 1 });
  try {
    const response = await transport.send({
      url: new URL(server.url),
      method: 'POST',
      headers: { 'content-type': SOAP_CONTENT_TYPE },
      body: '',
      operation: 'DetectAuthType',
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, headers: response.headers };
  } finally {
    await transport.close();
  }
}

describe('@ews/core Bearer auth against the test server', () => {
  it('a static token from issueBearerToken() opens the mailbox it names', async () => {
    const server = await serve({ auth: ['bearer'] });
    const client = clientFor(
      server,
      createBearerAuth({ token: server.issueBearerToken('alice@contoso.test') }),
    );
    const response = await getInbox(client);
    expect(response.status).toBe(200);
    expect(response.messages.map((m) => m.responseCode)).toEqual(['NoError']);
    // The recorded request carries no secret: the token travels only in the Authorization header.
    expect(recorder.documents.at(-1)).not.toContain('Bearer');
  });

  it('an expired static token ends the call with EwsAuthError and no retry', async () => {
    const clock = { now: NOW.getTime() };
    const server = await serve({ auth: ['bearer'] }, clock);
    const token = server.issueBearerToken('alice@contoso.test', { expiresInSeconds: 60 });
    const client = clientFor(server, createBearerAuth({ token }));
    expect((await getInbox(client)).messages[0]?.responseCode).toBe('NoError');
    clock.now += 61_000;
    const before = recorder.size;
    const error = await getInbox(client).catch((e: unknown) => e);
    expect(recorder.size - before).toBe(1);
    expect(error).toBeInstanceOf(EwsAuthError);
    expect(error).toMatchObject({ code: 'EWS_AUTH', attemptedScheme: 'Bearer' });
    expect((error as EwsAuthError).offeredSchemes.map((s) => s.toLowerCase())).toContain('bearer');
    // The error names neither the token nor the Authorization header.
    expect(String((error as Error).message)).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it('a token source is asked again when the server refuses its token, and the call succeeds', async () => {
    const server = await serve({ auth: ['bearer'] });
    const handed: string[] = [];
    const auth = createBearerAuth({
      getToken: async () => {
        // First an already expired token (as a stale cache would give), then a fresh one.
        const token = server.issueBearerToken('bob@contoso.test', {
          expiresInSeconds: handed.length === 0 ? 0 : 600,
        });
        handed.push(token);
        return { token };
      },
    });
    const response = await getInbox(clientFor(server, auth));
    expect(response.messages.map((m) => m.responseCode)).toEqual(['NoError']);
    expect(handed).toHaveLength(2);
  });

  it('a token for another server (another key) is refused with EwsAuthError', async () => {
    const server = await serve({ auth: ['bearer', 'basic'] });
    const other = await serve({ auth: ['bearer'] });
    const client = clientFor(
      server,
      createBearerAuth({ token: other.issueBearerToken('alice@contoso.test') }),
    );
    await expect(getInbox(client)).rejects.toBeInstanceOf(EwsAuthError);
  });

  it("core's detectAuthType reads the server's 401; a Bearer-only 401 offers Exchange Online's challenge", async () => {
    const mixed = await probe(await serve({ auth: ['bearer', 'basic'] }));
    expect(mixed.status).toBe(401);
    // exchangelib's preference: a password scheme when one is offered.
    expect(detectAuthType(mixed.status, mixed.headers)).toBe('Basic');
    const bearerOnly = await probe(await serve({ auth: ['bearer'] }));
    expect(bearerOnly.status).toBe(401);
    const offered = bearerOnly.headers['www-authenticate'];
    expect(String(offered)).toMatch(/^Bearer client_id="00000002-0000-0ff1-ce00-000000000000"/);
    // Only OAuth allowed: the Modern Auth hint is what tells a client (exchangelib, core) to use it.
    expect(bearerOnly.headers['ms-diagnostics-public']).toBe('Modern Auth required');
    expect(detectAuthType(bearerOnly.status, bearerOnly.headers)).toBe('Bearer');
    expect(mixed.headers['ms-diagnostics-public']).toBeUndefined();
  });
});
