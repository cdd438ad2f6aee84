import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { createPeerScratch, expectPeerSummary, runPeer } from './support/python-peer.js';
import { validateAll } from './support/schema-check.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/codes_peer.py', import.meta.url));

// exchangelib 4.9.0's own live-server checks: delegates' codes, attachments and MIME on create,
// read-flag sync, bulk failures, invalid subscriptions and requests.
describe('exchangelib 4.9.0: response codes, attachments and MIME on create, read-flag sync', () => {
  let server: TestServer;
  const errors: unknown[] = [];
  const scratch = createPeerScratch('ews-test-server-codes-');
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
    // Every answer the server wrote must satisfy the EWS schema; exchangelib's requests too, but the
    // deliberately unknown <XXX/> request (and its fault) is not an EWS request to validate.
    const verdicts = await validateAll(
      files
        .map((name) => ({ name, xml: readFileSync(join(recordDir, name), 'utf8') }))
        .filter((f) => !/<XXX\b/.test(f.xml)),
    );
    scratch.remove();
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('passes exchangelib’s checks', async () => {
    const result = await runPeer(
      { script: SCRIPT },
      {
        args: [JSON.stringify({ url: server.url, user: 'alice@contoso.test', password: 'Alice-Demo-2016!' })],
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
    const unknownFaults = readdirSync(recordDir)
      .map((name) => readFileSync(join(recordDir, name), 'utf8'))
      .filter((xml) => xml.includes('a:ErrorInvalidRequest</faultcode>'));
    expect(unknownFaults.length).toBeGreaterThan(0);
  });
});
