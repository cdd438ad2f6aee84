import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { createPeerScratch, expectPeerSummary, runPeer } from './support/python-peer.js';
import { validateAll } from './support/schema-check.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/deleted_items_peer.py', import.meta.url));

// exchangelib 4.9.0 judges from outside: after decline() and move_to_trash() the old ids are not
// found and the items are in Deleted Items under new ids ("Deleting items by using EWS in Exchange").
describe('exchangelib 4.9.0: items moved to Deleted Items have new ids', () => {
  let server: TestServer;
  const errors: unknown[] = [];
  const scratch = createPeerScratch('ews-test-server-deleted-items-');
  const recordDir = mkdtempSync(join(scratch.dir, 'record-'));
  beforeAll(async () => {
    server = await startTestServer({
      onInternalError: (e) => errors.push(e),
      record: recordDir,
      validateRequests: { schemaDir },
    });
  });
  afterAll(async () => {
    await server.close();
    const files = readdirSync(recordDir).sort();
    const verdicts = await validateAll(
      files.map((name) => ({ name, xml: readFileSync(join(recordDir, name), 'utf8') })),
    );
    scratch.remove();
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
  });

  it('decline() and move_to_trash(): the old ids are ErrorItemNotFound, Deleted Items holds new ones', async () => {
    const config = {
      url: server.url,
      organizer: { user: 'alice@contoso.test', password: 'Alice-Demo-2016!' },
      attendee: { user: 'bob@contoso.test', password: 'Bob-Demo-2016!' },
    };
    const result = await runPeer({ script: SCRIPT }, { args: [JSON.stringify(config)], timeoutMs: 120_000 });
    const summary = expectPeerSummary<Record<string, unknown>>(result, /Traceback|Error:/);
    expect(summary).toEqual({
      request: 'ErrorItemNotFound',
      entry: 'ErrorItemNotFound',
      binned: ['CalendarItem', 'MeetingRequest'],
      newIds: true,
      trashed: ['ErrorItemNotFound', true],
    });
    expect(errors).toEqual([]);
  });
});
