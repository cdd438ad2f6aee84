import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { runPeerForSummary } from './support/python-peer.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/delegate_peer.py', import.meta.url));

// exchangelib 4.9.0 (Debian's python3-exchangelib) as an independent delegate: it refuses a save
// without a folder, and names the owner's mailbox in every folder it writes to, so what it writes
// lands in the owner's mailbox and nothing in the delegate's own.
describe('exchangelib as a delegate', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: 'empty' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a save without a folder; its calendar item and sent copy land in the owner’s mailbox', async () => {
    const summary = await runPeerForSummary<{ saveWithoutFolder: string }>(
      { script: SCRIPT },
      {
        args: [
          JSON.stringify({
            url: server.url,
            user: 'grace@contoso.test',
            password: 'Grace-Demo-2016!',
            owner: 'alice@contoso.test',
            to: 'carol@contoso.test',
          }),
        ],
      },
    );
    expect(summary.saveWithoutFolder).toBe('Folder must be supplied when in save-only mode');
    const snapshot = server.snapshot();
    const places = snapshot.mailboxes
      .flatMap((box) =>
        box.items
          .filter((item) => item.subject.startsWith('peer:'))
          .map(
            (item) =>
              `${box.address.split('@')[0]}/${box.folders.find((f) => f.id === item.parentFolderId)?.distinguishedId}: ${item.subject}`,
          ),
      )
      .sort();
    expect(places).toEqual([
      'alice/calendar: peer: calendar',
      'alice/sentitems: peer: sent',
      'carol/inbox: peer: sent',
    ]);
  });
});
