import { EwsClient } from '@ews/core';
import { type NtlmSignIn, startTestServer } from '@ews/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createNtlmAuth } from '../src/index.js';

// Issue 16: NTLM keeps the ids of the sockets whose handshake completed. EwsClient must tell it
// when a socket closes (AuthStrategy.onConnectionClosed), or that set grows for the life of the
// process. A real loopback server (@ews/test-server, NTLM over https) closes every idle socket
// after 100 ms, so each call below runs on a new socket with its own handshake.

const PASSWORD = 'Alice-Demo-2016!';
const GET_FOLDER =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('NTLM forgets the sockets that closed', () => {
  it('after N calls on N sockets that the server closed, NTLM holds state for none of them', async () => {
    const signIns: NtlmSignIn[] = [];
    const server = await startTestServer({
      tls: true,
      auth: ['ntlm'],
      ntlm: { onSignedIn: (signIn) => signIns.push(signIn) },
      keepAliveTimeoutMs: 100,
    });
    cleanups.push(() => server.close());
    const auth = createNtlmAuth({ username: 'CONTOSO\\alice', password: PASSWORD });
    const closed: number[] = [];
    const ews = new EwsClient({
      url: server.url,
      auth,
      tls: { ca: server.tls?.ca ?? '' },
      transport: { onConnectionClosed: (info) => closed.push(info.id) },
    });
    cleanups.push(() => ews.close());

    const N = 4;
    for (let call = 1; call <= N; call++) {
      expect((await ews.send({ operation: 'GetFolder', body: GET_FOLDER })).status).toBe(200);
      // The handshake completed on this socket: NTLM remembers it while it is open.
      expect(auth.trackedConnections?.()).toBe(1);
      await waitFor(() => closed.length === call);
    }
    expect(signIns).toHaveLength(N); // one handshake per socket: each call had a new one
    expect(auth.trackedConnections?.()).toBe(0);
  });
});
