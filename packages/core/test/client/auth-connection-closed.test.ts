import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_SPEC_VERSION, type AuthStrategy } from '../../src/auth/strategy.js';
import { EwsClient } from '../../src/client/ews-client.js';
import type { ConnectionInfo } from '../../src/pipeline/http.js';
import { getFolderInboxResponse } from '../helpers/exchange-responses.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';
import { waitFor } from '../helpers/wait-for.js';

// AuthStrategy.onConnectionClosed: a connection-bound scheme keeps state per socket (NTLM: which
// sockets completed a handshake), so EwsClient must tell it when a socket closes, or that state
// grows for the life of the process and outlives the sockets it describes.

const GET_INBOX =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

const servers: FakeEwsServer[] = [];
const clients: EwsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('EwsClient tells the auth strategy when a socket closes', () => {
  it('a connection-bound strategy hears of every socket it saw closing; the transport listener still runs', async () => {
    // Every answer closes its connection: each call runs on a new socket.
    const server = await startFakeEws(() => ({
      headers: { connection: 'close' },
      body: getFolderInboxResponse(),
    }));
    servers.push(server);
    const seen: number[] = [];
    const closed: number[] = [];
    const alsoClosed: number[] = [];
    const strategy: AuthStrategy = {
      specVersion: AUTH_SPEC_VERSION,
      scheme: 'Toy',
      binding: 'connection',
      authorize: () => undefined,
      onSuccess: (response) => {
        if (response.connection) seen.push(response.connection.id);
      },
      onConnectionClosed: (connection: ConnectionInfo) => closed.push(connection.id),
    };
    const ews = new EwsClient({
      url: server.url,
      auth: strategy,
      transport: { onConnectionClosed: (info) => alsoClosed.push(info.id) },
    });
    clients.push(ews);
    for (let i = 0; i < 3; i++) await ews.send({ operation: 'GetFolder', body: GET_INBOX });
    await waitFor(() => closed.length === 3);
    expect(new Set(seen).size).toBe(3);
    expect(closed.sort()).toEqual([...seen].sort());
    expect(alsoClosed.sort()).toEqual([...seen].sort());
  });
});
