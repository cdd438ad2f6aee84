import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { createPeerScratch, expectPeerSummary, PYTHON, runPeer } from './support/python-peer.js';
import { validateAll } from './support/schema-check.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/calendar_peer.py', import.meta.url));

// exchangelib 4.9.0 judges item time zones, all-day events, view() boundaries and get_timezones().
describe('exchangelib 4.9.0: item time zones, all-day events, calendar view boundaries, server time zones', () => {
  let server: TestServer;
  const errors: unknown[] = [];
  const scratch = createPeerScratch('ews-test-server-calendar-');
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

  it('saves and refreshes zoned and all-day items, views a window, lists the server zones', async () => {
    expect(existsSync(PYTHON)).toBe(true);
    const config = { url: server.url, user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
    const result = await runPeer({ script: SCRIPT }, { args: [JSON.stringify(config)], timeoutMs: 120_000 });
    const summary = expectPeerSummary<Record<string, unknown>>(result, /Traceback|Error/);
    expect(summary.zones).toEqual(['W. Europe Standard Time', 'Eastern Standard Time']);
    expect(summary.allDay).toEqual(['2027-05-17', '2027-05-17']);
    expect(summary.view).toEqual(['view: ends at start']);
    expect(summary.weekly).toEqual([1, '2027-08-04']);
    expect(Number(summary.timezones)).toBeGreaterThan(130);
    expect(errors).toEqual([]);
  });
});
