import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectPeerSummary, runPeer } from './support/python-peer.js';
import { useRecordedPeerServer } from './support/recorded-peer-server.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/codes_peer.py', import.meta.url));

// exchangelib 4.9.0's own live-server checks: delegates' codes, attachments and MIME on create,
// read-flag sync, bulk failures, invalid subscriptions and requests.
describe('exchangelib 4.9.0: response codes, attachments and MIME on create, read-flag sync', () => {
  const peer = useRecordedPeerServer('ews-test-server-codes-', {
    // The deliberately unknown <XXX/> request (and its fault) is not an EWS document to validate.
    keep: (xml) => !/<XXX\b/.test(xml),
  });

  it('passes exchangelib’s checks', async () => {
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
    expect(summary.delegates).toEqual(['grace@contoso.test']);
    expect(summary.invalidSid).toBe(true);
    expect(summary.noUser).toBe(true);
    expect(summary.notDelegate).toBe(true);
    expect(summary.attachments).toEqual(['inner item', 'my_file_1.txt']);
    expect(summary.mimeBody).toBe('MIME test mail');
    expect(summary.readFlag).toBe('read_flag_change');
    expect(summary.bulk).toBe('ok');
    expect(summary.invalidSubscription).toBe('Subscription is invalid.');
    expect(['ErrorInvalidRequest', 'ErrorInvalidServerVersion']).toContain(summary.invalidRequest);
    // Each <XXX/> exchangelib sent was answered with an ErrorInvalidRequest fault.
    const unknownFaults = peer.recorded().filter((xml) => xml.includes('a:ErrorInvalidRequest</faultcode>'));
    expect(unknownFaults.length).toBeGreaterThan(0);
  });
});
