import { afterEach, describe, expect, it } from 'vitest';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { getFolderInboxResponse } from '../helpers/exchange-responses.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';

const GET_INBOX =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

const servers: FakeEwsServer[] = [];
const clients: EwsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(): Promise<{ server: FakeEwsServer; ews: EwsClient }> {
  const server = await startFakeEws(() => ({ headers: { ETag: '"abc"' }, body: getFolderInboxResponse() }));
  servers.push(server);
  const ews = new EwsClient({ url: server.url });
  clients.push(ews);
  return { server, ews };
}

describe('per-call conditional headers (GetUserPhoto ETags)', () => {
  it('sends if-none-match and hands the answer headers to the reader', async () => {
    const { server, ews } = await setup();
    const response = await ews.send({
      operation: 'GetFolder',
      body: GET_INBOX,
      httpHeaders: { 'if-none-match': '"abc"' },
    });
    expect(server.requests[0]?.headers['if-none-match']).toBe('"abc"');
    expect(response.headers?.etag).toBe('"abc"');
  });

  it('refuses any other header name and values with line breaks, before sending', async () => {
    const { server, ews } = await setup();
    const names = ['authorization', 'x-anchormailbox', 'content-type', 'cookie', 'soapaction'];
    for (const name of names) {
      const sent = ews.send({
        operation: 'GetFolder',
        body: GET_INBOX,
        httpHeaders: { [name]: 'x' } as never,
      });
      await expect(sent).rejects.toSatisfy(
        (e) => EwsError.isInstance(e) && e.code === 'EWS_INVALID_ARGUMENT',
      );
    }
    const injected = ews.send({
      operation: 'GetFolder',
      body: GET_INBOX,
      httpHeaders: { 'if-none-match': '"a"\r\nAuthorization: x' },
    });
    await expect(injected).rejects.toSatisfy(
      (e) => EwsError.isInstance(e) && e.code === 'EWS_INVALID_ARGUMENT',
    );
    expect(server.requests).toHaveLength(0);
  });
});
