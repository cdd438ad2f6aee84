import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_SPEC_VERSION, type AuthStrategy } from '../../src/auth/strategy.js';
import { EwsClient } from '../../src/client/ews-client.js';
import { getFolderInboxResponse } from '../helpers/exchange-responses.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';

// A toy scheme shaped like NTLM: the server sends a nonce bound to the socket, the client
// answers with an HMAC of it on the SAME socket, and from then on that socket is
// authenticated without any header. Proves the auth contract carries connection-bound
// schemes using only the public interface.
const KEY = 'toy-shared-key';
const GET_INBOX =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

function sign(nonce: string): string {
  return createHmac('sha256', KEY).update(nonce).digest('base64');
}

function createToyConnectionAuth(): AuthStrategy & { handshakes: number } {
  const authenticated = new Set<number>();
  const strategy = {
    specVersion: AUTH_SPEC_VERSION,
    scheme: 'Toy',
    binding: 'connection' as const,
    handshakes: 0,
    authorize: () => undefined,
    onChallenge(challenge: Parameters<NonNullable<AuthStrategy['onChallenge']>>[0]) {
      const offer = challenge.challenges.find((c) => c.scheme.toLowerCase() === 'toy');
      const nonce = offer?.params.nonce;
      if (!nonce) return undefined;
      strategy.handshakes += 1;
      return { authorization: `Toy ${sign(nonce)}` };
    },
    onSuccess(response: { connection?: { id: number } | undefined }) {
      if (response.connection) authenticated.add(response.connection.id);
    },
    onConnectionClosed(connection: { id: number }) {
      authenticated.delete(connection.id);
    },
  };
  return strategy;
}

/** `answer` gives the body for a request (default: the inbox GetFolder answer). */
function startToyServer(answer: (body: string) => string = getFolderInboxResponse): Promise<FakeEwsServer> {
  const nonces = new Map<number, string>();
  const authenticated = new Set<number>();
  return startFakeEws((request) => {
    if (authenticated.has(request.socket)) return { body: answer(request.body) };
    const nonce = nonces.get(request.socket);
    if (nonce && request.headers.authorization === `Toy ${sign(nonce)}`) {
      authenticated.add(request.socket);
      return { body: answer(request.body) };
    }
    const fresh = randomBytes(12).toString('hex');
    nonces.set(request.socket, fresh);
    return { status: 401, headers: { 'www-authenticate': `Toy nonce="${fresh}"` } };
  });
}

let server: FakeEwsServer | undefined;
let ews: EwsClient | undefined;
afterEach(async () => {
  await ews?.close();
  await server?.close();
});

describe('connection-bound auth through the lease', () => {
  it('handshakes once per connection, then one request per call on the same socket', async () => {
    server = await startToyServer();
    const auth = createToyConnectionAuth();
    ews = new EwsClient({ url: server.url, auth });
    for (let call = 0; call < 5; call += 1) await ews.send({ operation: 'GetFolder', body: GET_INBOX });

    expect(auth.handshakes).toBe(1);
    expect(server.connections()).toBe(1);
    // 2 requests for the handshake call, then exactly 1 per call.
    expect(server.requests).toHaveLength(6);
    expect(new Set(server.requests.map((r) => r.socket)).size).toBe(1);
  });

  it('serves concurrent calls from a pool of authenticated connections', async () => {
    server = await startToyServer();
    const auth = createToyConnectionAuth();
    ews = new EwsClient({ url: server.url, auth, transport: { connections: 2 } });
    await Promise.all(
      Array.from({ length: 6 }, () => ews?.send({ operation: 'GetFolder', body: GET_INBOX })),
    );
    expect(server.connections()).toBeLessThanOrEqual(2);
    expect(auth.handshakes).toBe(server.connections());
    expect(server.requests).toHaveLength(6 + auth.handshakes);
  });

  it("keeps a streamed answer's connection leased until its body has been read", async () => {
    // Larger than the socket buffers and the stream's high-water mark: the server cannot finish
    // writing it until the reader reads.
    const large = 'x'.repeat(6 * 1024 * 1024);
    server = await startToyServer((body) =>
      body.includes('GetAttachment') ? large : getFolderInboxResponse(),
    );
    const auth = createToyConnectionAuth();
    ews = new EwsClient({ url: server.url, auth, transport: { connections: 2 } });
    await ews.send({ operation: 'GetFolder', body: GET_INBOX });
    const answer = await ews.sendStream({ operation: 'GetAttachment', body: '<m:GetAttachment/>' });

    // While that body is unread, another call gets a connection of its own instead of queueing
    // behind the body on the same socket (which would wait for ever: nobody reads the body yet).
    await ews.send({ operation: 'GetFolder', body: GET_INBOX });
    const streamSocket = server.requests.find((r) => r.body.includes('GetAttachment'))?.socket;
    expect(server.requests.at(-1)?.socket).not.toBe(streamSocket);
    expect(server.connections()).toBe(2);

    let bytes = 0;
    for await (const chunk of answer.body) bytes += chunk.byteLength;
    expect(bytes).toBe(large.length);
    // Read to the end, the connection went back to the pool still authenticated.
    await Promise.all([1, 2].map(() => ews?.send({ operation: 'GetFolder', body: GET_INBOX })));
    expect(server.connections()).toBe(2);
    expect(auth.handshakes).toBe(2);
  });
});
