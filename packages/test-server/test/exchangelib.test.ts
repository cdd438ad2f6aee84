import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { validateAll } from './support/schema-check.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./exchangelib/exchangelib_peer.py', import.meta.url));

function run(config: object): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, [SCRIPT, JSON.stringify(config)], { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// exchangelib 4.9.0 from Debian (python3-exchangelib) is the real peer; CI installs it.
describe('exchangelib 4.9.0 against the test server', () => {
  let server: TestServer;
  const errors: unknown[] = [];
  const recordDir = mkdtempSync(join(tmpdir(), 'ews-test-server-exchangelib-'));
  beforeAll(async () => {
    server = await startTestServer({ onInternalError: (e) => errors.push(e), record: recordDir });
  });
  afterAll(async () => {
    await server.close();
    // exchangelib's requests and every response the server gave it must satisfy the EWS schema.
    const files = readdirSync(recordDir).sort();
    const verdicts = await validateAll(
      files.map((name) => ({ name, xml: readFileSync(join(recordDir, name), 'utf8') })),
    );
    rmSync(recordDir, { recursive: true, force: true });
    expect(files.filter((f) => f.endsWith('-response.xml')).length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
  });

  it('walks folders, expands a calendar view, queries the inbox, books a room, reads rooms, free/busy, impersonates', async () => {
    expect(existsSync(PYTHON)).toBe(true);
    const result = await run({
      url: server.url,
      user: 'alice@contoso.test',
      password: 'Alice-Demo-2016!',
      room: 'room.paris@contoso.test',
      roomList: 'rooms@contoso.test',
      colleague: 'bob@contoso.test',
      service: 'ews.service@contoso.test',
      servicePassword: 'Service-Demo-2016!',
      now: new Date().toISOString(),
    });
    expect(result.stderr.split('\n').filter((l) => /Traceback|Error/.test(l))).toEqual([]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(summary.booked).toBe('exchangelib booking');
    expect(summary.rooms).toBe(3);
    expect(Number(summary.standups)).toBeGreaterThanOrEqual(5);
    expect(summary.freebusy).toMatch(/^0+22/);
    expect(Number(summary.roomView)).toBeGreaterThan(0);
    expect(summary.impersonationDenied).toBe(true);
    expect(errors).toEqual([]);
  });
});
