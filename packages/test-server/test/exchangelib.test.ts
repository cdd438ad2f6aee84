import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { createPeerScratch, expectPeerSummary, PYTHON, runPeer } from './support/python-peer.js';
import { validateAll } from './support/schema-check.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/exchangelib_peer.py', import.meta.url));

// exchangelib 4.9.0 from Debian (python3-exchangelib) is the real peer; CI installs it.
describe.each([
  { scheme: 'http', tls: false },
  { scheme: 'https', tls: true },
])('exchangelib 4.9.0 against the test server over $scheme', ({ tls }) => {
  let server: TestServer;
  const errors: unknown[] = [];
  const scratch = createPeerScratch('ews-test-server-exchangelib-');
  const recordDir = mkdtempSync(join(scratch.dir, 'record-'));
  beforeAll(async () => {
    // validateRequests: the server itself refuses anything exchangelib sends that breaks the schema.
    server = await startTestServer({
      onInternalError: (e) => errors.push(e),
      record: recordDir,
      validateRequests: { schemaDir },
      tls,
    });
  });
  afterAll(async () => {
    await server.close();
    // exchangelib's requests and every response the server gave it must satisfy the EWS schema.
    const files = readdirSync(recordDir).sort();
    const verdicts = await validateAll(
      files.map((name) => ({ name, xml: readFileSync(join(recordDir, name), 'utf8') })),
    );
    scratch.remove();
    expect(files.filter((f) => f.endsWith('-response.xml')).length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
  });

  it('walks folders, views calendars, queries, books rooms, impersonates, manages folders, moves, sends, attaches, syncs, subscribes', async () => {
    expect(existsSync(PYTHON)).toBe(true);
    expect(server.url.startsWith(tls ? 'https://' : 'http://')).toBe(true);
    const config = {
      url: server.url,
      user: 'alice@contoso.test',
      password: 'Alice-Demo-2016!',
      room: 'room.paris@contoso.test',
      roomList: 'rooms@contoso.test',
      colleague: 'bob@contoso.test',
      colleaguePassword: 'Bob-Demo-2016!',
      service: 'ews.service@contoso.test',
      servicePassword: 'Service-Demo-2016!',
      now: new Date().toISOString(),
    };
    const result = await runPeer(
      { script: SCRIPT },
      {
        args: [JSON.stringify(config)],
        env: server.tls === undefined ? {} : scratch.trust(server.tls.ca),
        timeoutMs: 120_000,
      },
    );
    const summary = expectPeerSummary<Record<string, unknown>>(result, /Traceback|Error/);
    expect(summary.booked).toBe('exchangelib booking');
    expect(summary.rooms).toBe(3);
    expect(Number(summary.standups)).toBeGreaterThanOrEqual(5);
    expect(summary.freebusy).toMatch(/^0+22/);
    expect(Number(summary.roomView)).toBeGreaterThan(0);
    expect(summary.impersonationDenied).toBe(true);
    expect(summary.bulk).toBe(3);
    expect(summary.sent).toBe(2);
    expect(summary.accessDenied).toBe(true);
    expect(summary.exported).toBe(1);
    expect(summary.events).toContain('NewMailEvent');
    expect(summary.itemAttachment).toBe('Inner minutes');
    expect(summary.monthly).toEqual([
      '2027-02-01T08:00',
      '2027-03-01T08:00',
      '2027-04-05T07:00',
      '2027-05-03T07:00',
    ]);
    expect(errors).toEqual([]);
  });
});
