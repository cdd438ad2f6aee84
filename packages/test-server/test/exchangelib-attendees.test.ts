import { fileURLToPath } from 'node:url';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { expectPeerSummary, runPeer } from './support/python-peer.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/attendees_peer.py', import.meta.url));

// exchangelib 4.9.0 is the independent judge: its full save() sends every attendee list and a draft's From.
describe('exchangelib edits attendee lists and a draft’s author with a full save() (issue 13)', () => {
  let server: TestServer;
  const errors: unknown[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      seed: 'empty',
      onInternalError: (e) => errors.push(e),
      validateRequests: { schemaDir },
    });
  });
  afterAll(async () => {
    await server.close();
    expect(errors).toEqual([]);
  });

  it('CalendarItem: create with attendees, full save() of new lists, refresh(); draft Message: author', async () => {
    const result = await runPeer(
      { script: SCRIPT },
      {
        args: [JSON.stringify({ url: server.url, user: 'alice@contoso.test', password: 'Alice-Demo-2016!' })],
        timeoutMs: 120_000,
      },
    );
    const summary = expectPeerSummary<Record<string, number>>(result, /Traceback|Error/);
    expect(summary).toEqual({ calendarItem: 3, draft: 2 });
  });
});
