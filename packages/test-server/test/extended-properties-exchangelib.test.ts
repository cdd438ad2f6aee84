import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { createPeerScratch, expectPeerSummary, PYTHON, runPeer } from './support/python-peer.js';
import { validateAll } from './support/schema-check.js';

const SCRIPT = fileURLToPath(new URL('./exchangelib/extprops_peer.py', import.meta.url));

// exchangelib 4.9.0 registers extended properties on items and folders, filters on them, on categories and
// on contact e-mail addresses; its requests and the server's answers must satisfy the EWS schema.
describe('exchangelib 4.9.0: extended properties and restriction paths', () => {
  let server: TestServer;
  const errors: unknown[] = [];
  const scratch = createPeerScratch('ews-test-server-extprops-');
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
    expect(files.filter((f) => f.endsWith('-response.xml')).length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
  });

  it('saves, refreshes, updates and filters extended properties, categories and e-mail addresses', async () => {
    expect(existsSync(PYTHON)).toBe(true);
    const config = { url: server.url, user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
    const result = await runPeer({ script: SCRIPT }, { args: [JSON.stringify(config)], timeoutMs: 120_000 });
    const summary = expectPeerSummary<Record<string, unknown>>(result, /Traceback|Error/);
    expect(summary).toEqual({
      itemProps: [7, [9], 1],
      filtered: ['extprops peer 2', 'extprops peer'],
      categories: 2,
      contactByEmail: 1,
      folderColor: 'amber',
    });
    expect(errors).toEqual([]);
  });
});
