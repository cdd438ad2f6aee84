import { describe, expect, it } from 'vitest';
import { createNtlmAuth } from '../src/index.js';
import { cleanupAfterEach, getFolderClient, ntlmServer, PASSWORD, waitFor } from './support/loopback-ntlm.js';

// Issue 16: NTLM keeps the ids of the sockets whose handshake completed. EwsClient must tell it
// when a socket closes (AuthStrategy.onConnectionClosed), or that set grows for the life of the
// process. A real loopback server (@ews/test-server, NTLM over https) closes every idle socket
// after 100 ms, so each call below runs on a new socket with its own handshake.

const defer = cleanupAfterEach();

describe('NTLM forgets the sockets that closed', () => {
  it('after N calls on N sockets that the server closed, NTLM holds state for none of them', async () => {
    const { server, signIns } = await ntlmServer(defer, { keepAliveTimeoutMs: 100 });
    const auth = createNtlmAuth({ username: 'CONTOSO\\alice', password: PASSWORD });
    const { call: getFolder, closed } = getFolderClient(defer, server.url, server.tls?.ca ?? '', auth);

    const N = 4;
    for (let call = 1; call <= N; call++) {
      expect((await getFolder()).status).toBe(200);
      // The handshake completed on this socket: NTLM remembers it while it is open.
      expect(auth.trackedConnections?.()).toBe(1);
      await waitFor(() => closed.length === call);
    }
    expect(signIns).toHaveLength(N); // one handshake per socket: each call had a new one
    expect(auth.trackedConnections?.()).toBe(0);
  });
});
