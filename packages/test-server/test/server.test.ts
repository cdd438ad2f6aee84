import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { startTestServer, TestServerError } from '../src/index.js';
import { NOW } from './support/harness.js';
import { TrafficLog } from './support/schema-check.js';
import { envelope, type HttpReply, post as rawPost } from './support/soap-client.js';

const log = new TrafficLog();
/** Posts and keeps SOAP replies for the schema check at the end of this file. */
async function post(url: string, body: string, auth: { user: string; password: string }): Promise<HttpReply> {
  const reply = await rawPost(url, body, auth);
  if (reply.body.includes('schemas.xmlsoap.org/soap/envelope'))
    log.responses.push({ name: url, xml: reply.body });
  return reply;
}

afterAll(async () => {
  expect(log.responses.length).toBeGreaterThan(5);
  expect((await log.invalid()).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
});

const ALICE = { user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
const CALENDAR_VIEW = envelope(
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
    '<m:CalendarView StartDate="2026-02-20T00:00:00Z" EndDate="2026-03-30T00:00:00Z"/>' +
    '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>',
);

describe('startTestServer', () => {
  it('listens on loopback only', async () => {
    await expect(startTestServer({ host: '0.0.0.0' as '127.0.0.1' })).rejects.toBeInstanceOf(TestServerError);
    await expect(startTestServer({ auth: [] })).rejects.toMatchObject({ code: 'TEST_SERVER_OPTIONS' });
  });

  it('seeds the same mailboxes for the same "now" (deterministic) and nothing for seed "empty"', async () => {
    const a = await startTestServer({ now: () => NOW });
    const b = await startTestServer({ now: () => NOW });
    const empty = await startTestServer({ now: () => NOW, seed: 'empty' });
    try {
      const [ra, rb, re] = await Promise.all([a, b, empty].map((s) => post(s.url, CALENDAR_VIEW, ALICE)));
      expect(ra?.body.length).toBeGreaterThan(5_000);
      expect(ra?.body).toBe(rb?.body);
      expect(re?.body).toContain('TotalItemsInView="0"');
      expect(a.credentials).toHaveLength(10);
      expect(a.mailboxes.filter((m) => m.kind === 'room')).toHaveLength(3);
      expect(a.mailboxes.filter((m) => m.kind === 'service')).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close(), empty.close()]);
    }
  });

  it('records every request and response body to numbered files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ews-test-server-record-'));
    const server = await startTestServer({ now: () => NOW, record: dir });
    try {
      await post(server.url, CALENDAR_VIEW, ALICE);
      await post(server.url, envelope('<m:GetRoomLists/>'), ALICE);
      expect(readdirSync(dir).sort()).toEqual([
        '0001-FindItem-request.xml',
        '0001-FindItem-response.xml',
        '0002-GetRoomLists-request.xml',
        '0002-GetRoomLists-response.xml',
      ]);
      expect(readFileSync(join(dir, '0002-GetRoomLists-request.xml'), 'utf8')).toContain('<m:GetRoomLists/>');
      expect(readFileSync(join(dir, '0002-GetRoomLists-response.xml'), 'utf8')).toContain('All Rooms');
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes when its signal aborts, answers 404 elsewhere, and serves POX Autodiscover', async () => {
    const controller = new AbortController();
    const server = await startTestServer({ signal: controller.signal, seed: 'empty' });
    const missing = await post(server.url.replace('/EWS/Exchange.asmx', '/owa'), '', ALICE);
    expect(missing.status).toBe(404);
    const pox = await post(
      server.autodiscoverUrl,
      '<?xml version="1.0"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>alice@contoso.test</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>',
      ALICE,
    );
    expect(pox.status).toBe(200);
    expect(pox.body).toContain(`<EwsUrl>${server.url}</EwsUrl>`);
    controller.abort();
    await server.close();
    await expect(post(server.url, CALENDAR_VIEW, ALICE)).rejects.toThrow();
  });
});

describe('ews-test-server command line', () => {
  it('--json prints one line with URLs, version, every mailbox and the room lists', async () => {
    const lines: string[] = [];
    const server = await runCli(['--port', '0', '--seed', 'demo', '--json'], (line) => lines.push(line));
    try {
      expect(lines).toHaveLength(1);
      const info = JSON.parse(lines[0] ?? '') as {
        url: string;
        serverVersion: { name: string; build: string };
        mailboxes: { address: string; password: string; kind: string }[];
        roomLists: { address: string; name: string; rooms: string[] }[];
      };
      expect(info.url).toBe(server?.url);
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/);
      expect(info.serverVersion).toEqual({ name: 'Exchange2016', build: '15.1.2507.6' });
      expect(info.mailboxes).toContainEqual({
        address: 'alice@contoso.test',
        name: 'Alice Adams',
        password: 'Alice-Demo-2016!',
        kind: 'user',
      });
      expect(new Set(info.mailboxes.map((m) => m.kind))).toEqual(new Set(['user', 'room', 'service']));
      expect(info.roomLists).toEqual([
        {
          address: 'rooms@contoso.test',
          name: 'All Rooms',
          rooms: ['room.oslo@contoso.test', 'room.paris@contoso.test', 'room.tokyo@contoso.test'],
        },
      ]);
      const reply = await post(info.url, envelope('<m:GetRoomLists/>'), ALICE);
      expect(reply.status).toBe(200);
    } finally {
      await server?.close();
    }
  });

  it('prints a readable summary without --json and rejects bad arguments', async () => {
    const lines: string[] = [];
    const server = await runCli(['--seed', 'demo'], (line) => lines.push(line));
    await server?.close();
    expect(lines.join('\n')).toContain('alice@contoso.test');
    expect(lines.join('\n')).toContain('Room list All Rooms <rooms@contoso.test>');
    // The empty seed is a fresh deployment: the same accounts, no room lists.
    const empty: string[] = [];
    const bare = await runCli(['--seed', 'empty'], (line) => empty.push(line));
    await bare?.close();
    expect(empty.join('\n')).toContain('room.oslo@contoso.test');
    expect(empty.join('\n')).not.toContain('Room list');
    await expect(runCli(['--seed', 'weird'], () => {})).rejects.toThrow('invalid --seed');
    await expect(runCli(['--port', '99999'], () => {})).rejects.toThrow('invalid --port');
    await expect(runCli(['--server-version', 'Exchange2003'], () => {})).rejects.toThrow(
      'invalid --server-version',
    );
  });

  it('--tls --server-version --json: an HTTPS Exchange 2019 whose CA is in the JSON line', async () => {
    const lines: string[] = [];
    const server = await runCli(
      ['--tls', '--server-version', 'Exchange2019', '--seed', 'empty', '--json'],
      (line) => lines.push(line),
    );
    try {
      const info = JSON.parse(lines[0] ?? '{}') as {
        url: string;
        ca: string;
        serverVersion: { build: string };
      };
      expect(info.url.startsWith('https://127.0.0.1:')).toBe(true);
      expect(info.serverVersion.build).toBe('15.2.1544.4');
      expect(info.ca).toBe(server?.tls?.ca);
      expect(info.ca).toContain('BEGIN CERTIFICATE');
    } finally {
      await server?.close();
    }
  });
});
