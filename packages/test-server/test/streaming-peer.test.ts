import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { expectPeerSummary, PYTHON, runPeer } from './support/python-peer.js';
import { validateAll } from './support/schema-check.js';

const SCRIPT = fileURLToPath(new URL('./streaming/streaming_peer.py', import.meta.url));

// exchangelib 4.9.0 from Debian (python3-exchangelib) as the real streaming and OAuth2 peer.
describe('exchangelib 4.9.0: GetStreamingEvents and Bearer', () => {
  let server: TestServer;
  const errors: unknown[] = [];
  const recordDir = mkdtempSync(join(tmpdir(), 'ews-test-server-streaming-peer-'));
  beforeAll(async () => {
    server = await startTestServer({
      seed: 'empty',
      auth: ['basic', 'bearer'],
      // exchangelib's connection_timeout=1 lasts 1.5 s here.
      streaming: { minuteMs: 1500, keepAliveMs: 400 },
      record: recordDir,
      validateRequests: { schemaDir },
      onInternalError: (e) => errors.push(e),
    });
  });
  afterAll(async () => {
    await server.close();
    const files = readdirSync(recordDir).sort();
    const verdicts = await validateAll(
      files.map((name) => ({ name, xml: readFileSync(join(recordDir, name), 'utf8') })),
    );
    rmSync(recordDir, { recursive: true, force: true });
    // The stream's parts (opening, notifications, keep-alives, Closed) are all recorded and valid.
    expect(files.filter((f) => f.includes('GetStreamingEvents-response-part')).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('streams new mail to exchangelib in real time and serves its OAuth2 Bearer token', async () => {
    expect(existsSync(PYTHON)).toBe(true);
    const config = {
      url: server.url,
      user: 'alice@contoso.test',
      password: 'Alice-Demo-2016!',
      colleague: 'bob@contoso.test',
      colleaguePassword: 'Bob-Demo-2016!',
      token: server.issueBearerToken('alice@contoso.test', { expiresInSeconds: 600 }),
    };
    const result = await runPeer(
      { script: SCRIPT },
      {
        args: [JSON.stringify(config)],
        // oauthlib refuses Bearer over plain http unless told this is a test.
        env: { OAUTHLIB_INSECURE_TRANSPORT: '1' },
        timeoutMs: 60_000,
      },
    );
    const summary = expectPeerSummary<Record<string, unknown>>(result, /Traceback|Error/);
    expect(summary.streamed).toEqual(['CreatedEvent', 'NewMailEvent']);
    // The stream lasted its ConnectionTimeout (1 "minute" = 1.5 s), not longer.
    expect(summary.elapsed).toBeGreaterThanOrEqual(1.4);
    expect(summary.elapsed).toBeLessThan(10);
    expect(summary.bearerInbox).toBe('Inbox');
    expect(summary.bearerCount).toBe(2);
  });
});
