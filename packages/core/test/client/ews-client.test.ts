import { inspect } from 'node:util';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBasicAuth } from '../../src/auth/basic.js';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { isResponseError } from '../../src/errors/response-error.js';
import { faultTolerant } from '../../src/retry/retry-policy-options.js';
import {
  createItemResponse,
  getFolderInboxResponse,
  getItemPartialResponse,
  invalidServerVersionFault,
  serverBusyFault,
} from '../helpers/exchange-responses.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';

const GET_INBOX =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

const GET_TWO_ITEMS =
  '<m:GetItem xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
  '<m:ItemIds><t:ItemId Id="AAMkAGI1AAA="/><t:ItemId Id="AAMkAGI2AAA="/></m:ItemIds></m:GetItem>';

const CREATE_MEETING =
  '<m:CreateItem xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" SendMeetingInvitations="SendToNone">' +
  '<m:Items><t:CalendarItem><t:Subject>Planning</t:Subject>' +
  '<t:Start>2026-12-01T09:00:00Z</t:Start><t:End>2026-12-01T10:00:00Z</t:End>' +
  '</t:CalendarItem></m:Items></m:CreateItem>';

const PASSWORD = 'S3cret-Passw0rd!';

const envelopes = createEnvelopeRecorder();
const servers: FakeEwsServer[] = [];
const clients: EwsClient[] = [];

async function serve(handler: Parameters<typeof startFakeEws>[0]): Promise<FakeEwsServer> {
  const server = await startFakeEws(async (request, index) => {
    envelopes.add(request.body);
    return handler(request, index);
  });
  servers.push(server);
  return server;
}

function client(options: ConstructorParameters<typeof EwsClient>[0]): EwsClient {
  const created = new EwsClient(options);
  clients.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  // Every envelope the client put on the wire in this file must validate against the EWS schema.
  const results = await envelopes.validateAll();
  const failures = results.filter((result) => !result.ok);
  expect(failures).toEqual([]);
  expect(results.length).toBeGreaterThan(10);
});

describe('EwsClient', () => {
  it('sends a schema-valid envelope with the EWS headers and reads the answer', async () => {
    const server = await serve(() => ({ body: getFolderInboxResponse() }));
    const ews = client({ url: server.url });
    const response = await ews.send({ operation: 'GetFolder', body: GET_INBOX });

    expect(response.messages).toHaveLength(1);
    expect(response.messages[0]?.responseClass).toBe('Success');
    expect(ews.serverVersion?.build.toString()).toBe('15.1.2507.6');
    const [sent] = server.requests;
    expect(sent?.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(sent?.headers['user-agent']).toMatch(/^ews-ts\/\S+ node\/v20/);
    expect(sent?.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent?.body).toContain('<t:RequestServerVersion Version="Exchange2013_SP1"');
  });

  it('impersonates with ExchangeImpersonation and the X-AnchorMailbox header', async () => {
    const server = await serve(() => ({ body: getFolderInboxResponse() }));
    const ews = client({ url: server.url, impersonation: { primarySmtpAddress: 'room.orion@contoso.com' } });
    await ews.send({ operation: 'GetFolder', body: GET_INBOX, timeZone: 'W. Europe Standard Time' });
    const [sent] = server.requests;
    expect(sent?.headers['x-anchormailbox']).toBe('room.orion@contoso.com');
    expect(sent?.body).toContain('<t:PrimarySmtpAddress>room.orion@contoso.com</t:PrimarySmtpAddress>');
    expect(sent?.body).toContain('<t:TimeZoneDefinition Id="W. Europe Standard Time"');
  });

  it('keeps per-message errors of a batch as data', async () => {
    const server = await serve(() => ({ body: getItemPartialResponse() }));
    const response = await client({ url: server.url }).send({ operation: 'GetItem', body: GET_TWO_ITEMS });
    expect(response.messages.map((m) => m.responseClass)).toEqual(['Success', 'Error']);
    expect(response.messages[1]?.responseCode).toBe('ErrorItemNotFound');
  });

  it('steps down to an older version when the server rejects the requested one, and remembers it', async () => {
    const server = await serve((request) =>
      request.body.includes('Version="Exchange2016"')
        ? { status: 500, body: invalidServerVersionFault() }
        : { body: getFolderInboxResponse() },
    );
    const ews = client({ url: server.url, version: 'Exchange2016' });
    await ews.send({ operation: 'GetFolder', body: GET_INBOX });
    expect(server.requests).toHaveLength(2);
    expect(ews.requestVersion).not.toBe('Exchange2016');
    await ews.send({ operation: 'GetFolder', body: GET_INBOX });
    expect(server.requests).toHaveLength(3);
  });

  it('raises the fault as a typed error when renegotiation is off', async () => {
    const server = await serve(() => ({ status: 500, body: invalidServerVersionFault() }));
    const ews = client({ url: server.url, negotiateVersion: false });
    const error = await ews.send({ operation: 'GetFolder', body: GET_INBOX }).catch((e: unknown) => e);
    expect(isResponseError(error, 'ErrorInvalidServerVersion')).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses Basic over plain http unless explicitly allowed', async () => {
    const server = await serve(() => ({ body: getFolderInboxResponse() }));
    const auth = createBasicAuth({ username: 'alice', password: PASSWORD });
    const refused = await client({ url: server.url, auth })
      .send({ operation: 'GetFolder', body: GET_INBOX })
      .catch((e: unknown) => e);
    expect(EwsError.isInstance(refused) && refused.code).toBe('EWS_INVALID_ARGUMENT');
    expect(server.requests).toHaveLength(0);

    await client({ url: server.url, auth, allowInsecureHttp: true }).send({
      operation: 'GetFolder',
      body: GET_INBOX,
    });
    expect(server.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`,
    );
  });

  it('ends a wrong password with an auth error naming the offered schemes, after a bounded number of requests', async () => {
    const server = await serve(() => ({
      status: 401,
      headers: { 'www-authenticate': ['Negotiate', 'NTLM', 'Basic realm="mail.contoso.com"'] },
    }));
    const auth = createBasicAuth({ username: 'alice', password: PASSWORD });
    const ews = client({
      url: server.url,
      auth,
      allowInsecureHttp: true,
      retry: faultTolerant({ maxTotalWaitMs: 5_000 }),
    });
    const error = await ews.send({ operation: 'GetFolder', body: GET_INBOX }).catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_AUTH');
    expect((error as { offeredSchemes: string[] }).offeredSchemes).toEqual(['Negotiate', 'NTLM', 'Basic']);
    expect(server.requests.length).toBeLessThanOrEqual(2);
    const printed = `${inspect(error, { depth: 10 })} ${JSON.stringify(error)} ${String(error)} ${inspect(ews, { depth: 10 })}`;
    expect(printed).not.toContain(PASSWORD);
    expect(printed).not.toContain(Buffer.from(`alice:${PASSWORD}`).toString('base64'));
  });

  it('honours ErrorServerBusy BackOffMilliseconds when fault tolerant', async () => {
    const started: number[] = [];
    const server = await serve((_request, index) => {
      started.push(Date.now());
      return index === 0 ? { status: 500, body: serverBusyFault(300) } : { body: getFolderInboxResponse() };
    });
    const ews = client({ url: server.url, retry: faultTolerant({ maxTotalWaitMs: 10_000 }) });
    await ews.send({ operation: 'GetFolder', body: GET_INBOX });
    expect(server.requests).toHaveLength(2);
    expect((started[1] ?? 0) - (started[0] ?? 0)).toBeGreaterThanOrEqual(300);
  });

  it('fails fast by default on ErrorServerBusy, saying what the server asked for', async () => {
    const server = await serve(() => ({ status: 500, body: serverBusyFault(30_000) }));
    const error = await client({ url: server.url })
      .send({ operation: 'GetFolder', body: GET_INBOX })
      .catch((e: unknown) => e);
    expect(EwsError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/30000|30 ?s/);
    expect(server.requests).toHaveLength(1);
  });

  it('never re-sends a CreateItem the server may have executed, and says so', async () => {
    const server = await serve(() => 'destroy');
    const ews = client({ url: server.url, retry: faultTolerant({ maxTotalWaitMs: 10_000 }) });
    const error = await ews.send({ operation: 'CreateItem', body: CREATE_MEETING }).catch((e: unknown) => e);
    expect(server.requests).toHaveLength(1);
    expect(EwsError.isInstance(error) && error.requestFate).toBe('unknown');
    expect(String((error as Error).message)).toMatch(/may have been executed/i);
  });

  it('re-sends an idempotent GetFolder after the same ambiguous failure', async () => {
    const server = await serve((_request, index) =>
      index === 0 ? 'destroy' : { body: getFolderInboxResponse() },
    );
    const ews = client({ url: server.url, retry: faultTolerant({ maxTotalWaitMs: 10_000 }) });
    await ews.send({ operation: 'GetFolder', body: GET_INBOX });
    expect(server.requests).toHaveLength(2);
  });

  it('a CreateItem that succeeds is sent once', async () => {
    const server = await serve(() => ({ body: createItemResponse() }));
    const response = await client({ url: server.url }).send({
      operation: 'CreateItem',
      body: CREATE_MEETING,
    });
    expect(response.messages[0]?.responseClass).toBe('Success');
    expect(server.requests).toHaveLength(1);
  });

  it('times out a server that never answers, leaving nothing pending', async () => {
    const server = await serve(() => 'hang');
    const ews = client({ url: server.url, timeoutMs: 300, retry: faultTolerant({ maxTotalWaitMs: 60_000 }) });
    const started = Date.now();
    const error = await ews.send({ operation: 'GetFolder', body: GET_INBOX }).catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('aborts on the caller signal, also during a back-off sleep', async () => {
    const server = await serve(() => ({ status: 500, body: serverBusyFault(60_000) }));
    const ews = client({ url: server.url, retry: faultTolerant({ maxTotalWaitMs: 120_000 }) });
    const controller = new AbortController();
    const pending = ews.send({ operation: 'GetFolder', body: GET_INBOX }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user cancelled')), 200);
    const started = Date.now();
    const error = await pending.catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_ABORTED');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects an endpoint that is not http(s) without echoing it', () => {
    expect(() => new EwsClient({ url: 'ftp://alice:pw@example.com/EWS' })).toThrowError(/http\(s\) URL/);
    let error: unknown;
    try {
      new EwsClient({ url: 'not a url :alice:pw' });
    } catch (caught) {
      error = caught;
    }
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_INVALID_ARGUMENT');
    expect(String(error)).not.toContain('alice:pw');
  });
});
