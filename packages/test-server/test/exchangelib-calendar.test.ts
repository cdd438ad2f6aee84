import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectPeerSummary, PYTHON, runPeer } from './support/python-peer.js';
import { useRecordedPeerServer } from './support/recorded-peer-server.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/calendar_peer.py', import.meta.url));

// exchangelib 4.9.0 judges item time zones, all-day events, view() boundaries and get_timezones().
describe('exchangelib 4.9.0: item time zones, all-day events, calendar view boundaries, server time zones', () => {
  const peer = useRecordedPeerServer('ews-test-server-calendar-');

  it('saves and refreshes zoned and all-day items, views a window, lists the server zones', async () => {
    expect(existsSync(PYTHON)).toBe(true);
    const config = { url: peer.server().url, user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
    const result = await runPeer({ script: SCRIPT }, { args: [JSON.stringify(config)], timeoutMs: 120_000 });
    const summary = expectPeerSummary<Record<string, unknown>>(result, /Traceback|Error/);
    expect(summary.zones).toEqual(['W. Europe Standard Time', 'Eastern Standard Time']);
    expect(summary.allDay).toEqual(['2027-05-17', '2027-05-17']);
    expect(summary.view).toEqual(['view: ends at start']);
    expect(summary.weekly).toEqual([1, '2027-08-04']);
    expect(Number(summary.timezones)).toBeGreaterThan(130);
    expect(peer.errors).toEqual([]);
  });
});
