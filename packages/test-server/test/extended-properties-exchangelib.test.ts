import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectPeerSummary, PYTHON, runPeer } from './support/python-peer.js';
import { useRecordedPeerServer } from './support/recorded-peer-server.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/extprops_peer.py', import.meta.url));

// exchangelib 4.9.0 registers extended properties on items and folders, filters on them, on categories and
// on contact e-mail addresses; its requests and the server's answers must satisfy the EWS schema.
describe('exchangelib 4.9.0: extended properties and restriction paths', () => {
  const peer = useRecordedPeerServer('ews-test-server-extprops-', { minAnswers: 11 });

  it('saves, refreshes, updates and filters extended properties, categories and e-mail addresses', async () => {
    expect(existsSync(PYTHON)).toBe(true);
    const config = { url: peer.server().url, user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
    const result = await runPeer({ script: SCRIPT }, { args: [JSON.stringify(config)], timeoutMs: 120_000 });
    const summary = expectPeerSummary<Record<string, unknown>>(result, /Traceback|Error/);
    expect(summary).toEqual({
      itemProps: [7, [9], 1],
      filtered: ['extprops peer 2', 'extprops peer'],
      categories: 2,
      contactByEmail: 1,
      folderColor: 'amber',
    });
    expect(peer.errors).toEqual([]);
  });
});
