import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { runPeerForSummary } from './support/python-peer.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/user_configuration_peer.py', import.meta.url));

// exchangelib 4.9.0 (Debian's python3-exchangelib) as the independent judge of the user
// configuration operations: its create/get/update/delete round-trip a typed dictionary, XML and
// binary data through the test server, and its errors are the documented codes.
describe('exchangelib: user configurations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: 'empty' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates, reads, updates and deletes a configuration by name in a folder id', async () => {
    const user = server.mailboxes.find((m) => m.address === 'alice@contoso.test');
    const summary = await runPeerForSummary<Record<string, unknown>>(
      { script: SCRIPT },
      { args: [JSON.stringify({ url: server.url, user: user?.address, password: user?.password })] },
    );
    expect(summary).toEqual({
      missing: 'ErrorItemNotFound',
      duplicate: 'ErrorItemSave',
      name: 'Peer.Settings',
      hasId: true,
      dictionary: { text: 'hello', count: 42, on: true, bytes: '0001' },
      xml: '<peer/>',
      binary: '0908',
      updated: { count: 43 },
      deleted: 'ErrorItemNotFound',
    });
  });
});
