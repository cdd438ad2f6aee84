import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectPeerSummary, runPeer } from './support/python-peer.js';
import { useRecordedPeerServer } from './support/recorded-peer-server.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/people_peer.py', import.meta.url));

// exchangelib 4.9.0 reads the server's FindPeople pages, ResolveNames with contact data per
// search scope and ExpandDL; every request and answer of the run is schema-validated.
describe('exchangelib 4.9.0: FindPeople, ResolveNames, ExpandDL', () => {
  const peer = useRecordedPeerServer('ews-test-server-people-');

  it('passes exchangelib’s reading of people and lists', async () => {
    const result = await runPeer(
      { script: SCRIPT },
      {
        args: [
          JSON.stringify({
            url: peer.server().url,
            user: 'alice@contoso.test',
            password: 'Alice-Demo-2016!',
          }),
        ],
        timeoutMs: 120_000,
      },
    );
    const summary = expectPeerSummary<Record<string, unknown>>(result, /Traceback/);
    expect(summary.contacts).toEqual([
      'Nora Nielsen',
      'Omar Owens',
      'Paula Park',
      'Quentin Quinn',
      'Rosa Reyes',
      'Sam Singh',
    ]);
    expect(summary.query).toBe('Nora Nielsen');
    expect(summary.personaIdShape).toBe(true);
    expect(summary.sortedDescending).toEqual(['Singh', 'Reyes']);
    expect(summary.resolvedTitle).toBe('Software Engineer');
    expect(summary.contactType).toBe('Contact');
    expect(summary.none).toEqual(['ErrorNameResolutionNoResults']);
    expect(summary.expanded).toEqual([
      ['erin@contoso.test', 'Mailbox'],
      ['irene@contoso.test', 'Mailbox'],
      ['dl.engineering@contoso.test', 'PublicDL'],
    ]);
  });
});
