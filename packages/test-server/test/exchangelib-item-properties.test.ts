import { fileURLToPath } from 'node:url';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { expectPeerSummary, runPeer } from './support/python-peer.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/item_properties_peer.py', import.meta.url));

// exchangelib 4.9.0 is the independent judge: what it saves, it reads back field by field.
describe('exchangelib saves and refreshes items with many fields (issue 13)', () => {
  let server: TestServer;
  const errors: unknown[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      onInternalError: (e) => errors.push(e),
      validateRequests: { schemaDir },
    });
  });
  afterAll(async () => {
    await server.close();
    expect(errors).toEqual([]);
  });

  it('Message, Contact, Task, CalendarItem and generic Item: save(), refresh(), full save(), refresh()', async () => {
    const result = await runPeer(
      { script: SCRIPT },
      {
        args: [JSON.stringify({ url: server.url, user: 'alice@contoso.test', password: 'Alice-Demo-2016!' })],
        timeoutMs: 120_000,
      },
    );
    const summary = expectPeerSummary<Record<string, number>>(result, /Traceback|Error/);
    for (const kind of ['message', 'contact', 'task', 'calendarItem', 'item']) {
      expect(summary[kind], kind).toBeGreaterThan(10);
    }
  });
});
