import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { validateAll } from './support/schema-check.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./exchangelib/exchangelib_peer.py', import.meta.url));

function run(
  config: object,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, [SCRIPT, JSON.stringify(config)], { timeout: 120_000, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// exchangelib 4.9.0 from Debian (python3-exchangelib) is the real peer; CI installs it.
describe.each([
  { scheme: 'http', tls: false },
  { scheme: 'https', tls: true },
])('exchangelib 4.9.0 against the test server over $scheme', ({ tls }) => {
  let server: TestServer;
  const errors: unknown[] = [];
  const recordDir = mkdtempSync(join(tmpdir(), 'ews-test-server-exchangelib-'));
  const caFile = join(recordDir, '..', `${recordDir.split('/').at(-1)}-ca.pem`);
  beforeAll(async () => {
    // validateRequests: the server itself refuses anything exchangelib sends that breaks the schema.
    server = await startTestServer({
      onInternalError: (e) => errors.push(e),
      record: recordDir,
      validateRequests: { schemaDir },
      tls,
    });
    if (server.tls !== undefined) writeFileSync(caFile, server.tls.ca);
  });
  afterAll(async () => {
    await server.close();
    // exchangelib's requests and every response the server gave it must satisfy the EWS schema.
    const files = readdirSync(recordDir).sort();
    const verdicts = await validateAll(
      files.map((name) => ({ name, xml: readFileSync(join(recordDir, name), 'utf8') })),
    );
    rmSync(recordDir, { recursive: true, force: true });
    rmSync(caFile, { force: true });
    expect(files.filter((f) => f.endsWith('-response.xml')).length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
  });

  it('walks folders, views calendars, queries, books rooms, impersonates, manages folders, moves, sends, attaches, syncs, subscribes', async () => {
    expect(existsSync(PYTHON)).toBe(true);
    expect(server.url.startsWith(tls ? 'https://' : 'http://')).toBe(true);
    const result = await run(
      {
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
      },
      server.tls === undefined ? process.env : { ...process.env, REQUESTS_CA_BUNDLE: caFile },
    );
    expect(result.stderr.split('\n').filter((l) => /Traceback|Error/.test(l))).toEqual([]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
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
