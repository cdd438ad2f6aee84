import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestServer, type TestServer } from '../../src/index.js';
import { createPeerScratch } from './python-peer.js';
import { validateAll } from './schema-check.js';

export interface RecordedPeerServer {
  /** The running server (valid inside tests). */
  readonly server: () => TestServer;
  /** Internal errors the server reported; a test expects none. */
  readonly errors: unknown[];
  /** Every request and answer recorded so far, in file-name order. */
  readonly recorded: () => string[];
}

/**
 * A test server for a Python peer's run, started before the suite's tests: it refuses requests that
 * break the EWS schema, records every request and answer, and when the suite ends checks that each
 * recorded document (`keep` chooses which) satisfies the schema, that at least `minAnswers` answers
 * were written, and that the server reported no internal error.
 */
export function useRecordedPeerServer(
  prefix: string,
  check: { readonly keep?: (xml: string) => boolean; readonly minAnswers?: number } = {},
): RecordedPeerServer {
  let server: TestServer | undefined;
  const errors: unknown[] = [];
  const scratch = createPeerScratch(prefix);
  const recordDir = mkdtempSync(join(scratch.dir, 'record-'));
  beforeAll(async () => {
    server = await startTestServer({
      onInternalError: (e) => errors.push(e),
      record: recordDir,
      validateRequests: { schemaDir },
    });
  });
  afterAll(async () => {
    await server?.close();
    const files = readdirSync(recordDir).sort();
    const documents = files.map((name) => ({ name, xml: readFileSync(join(recordDir, name), 'utf8') }));
    const verdicts = await validateAll(documents.filter((d) => check.keep?.(d.xml) ?? true));
    scratch.remove();
    expect(files.filter((f) => f.endsWith('-response.xml')).length).toBeGreaterThanOrEqual(
      check.minAnswers ?? 1,
    );
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
    expect(errors).toEqual([]);
  });
  return {
    errors,
    recorded: () =>
      readdirSync(recordDir)
        .sort()
        .map((name) => readFileSync(join(recordDir, name), 'utf8')),
    server: () => {
      if (server === undefined) throw new Error('the recorded peer server is not running');
      return server;
    },
  };
}
