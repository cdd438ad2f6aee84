import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectPeerSummary, PYTHON, runPeer } from './support/python-peer.js';
import { useRecordedPeerServer } from './support/recorded-peer-server.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/occurrences_uid_peer.py', import.meta.url));

// exchangelib 4.9.0 judges OccurrenceItemId, RecurringMasterItemId, First/Last/Modified/DeletedOccurrences
// and finding a meeting by its UID through PidLidGlobalObjectId (exchangelib's own UID encoding).
describe('exchangelib 4.9.0: occurrences, series masters and meetings by UID', () => {
  const peer = useRecordedPeerServer('ews-test-server-occurrences-');

  it('finds its meeting by UID, opens occurrences and the master, and gets the typed errors', async () => {
    expect(existsSync(PYTHON)).toBe(true);
    const config = { url: peer.server().url, user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
    const result = await runPeer({ script: SCRIPT }, { args: [JSON.stringify(config)], timeoutMs: 120_000 });
    const summary = expectPeerSummary<Record<string, unknown>>(result, /Traceback|AssertionError/);
    expect(summary.byUid).toEqual(['Peer series']);
    expect(summary.series).toEqual([1, 1]);
    expect(summary.errors).toEqual([
      'ErrorCalendarOccurrenceIsDeletedFromRecurrence',
      'ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange',
    ]);
    expect(peer.errors).toEqual([]);
  });
});
