import { createBasicAuth, EwsClient, type ExchangeVersion, type Policy } from '@ews/core';
import { startTestServer, type TestServer } from '@ews/test-server';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, beforeAll } from 'vitest';
import { type AccessType, Account } from '../../src/index.js';

/** A fixed clock, so the demo calendars (placed around "now") are the same on every run. */
export const NOW = new Date('2026-03-02T08:00:00Z');

export interface Harness {
  readonly server: TestServer;
  readonly recorder: ReturnType<typeof createEnvelopeRecorder>;
  /** Operations sent, in order (for asserting which calls a flow made). */
  readonly operations: string[];
  /** A client signed in as `username`, recording every request envelope for schema validation. */
  client(username: string, options?: { readonly version?: ExchangeVersion }): EwsClient;
  account(username: string, mailbox?: string, accessType?: AccessType): Account;
  close(): Promise<void>;
}

/**
 * The test server's notification timing (streaming connections, push deliveries), for speed, and
 * the mailbox layout options (an archive per person, public folders).
 */
export type NotificationTiming = Pick<
  NonNullable<Parameters<typeof startTestServer>[0]>,
  'streaming' | 'push' | 'archive' | 'publicFolders'
>;

export async function startHarness(timing: NotificationTiming = {}): Promise<Harness> {
  const server = await startTestServer({ port: 0, seed: 'demo', now: () => NOW, ...timing });
  const recorder = createEnvelopeRecorder();
  const operations: string[] = [];
  const clients: EwsClient[] = [];
  const recording: Policy = {
    name: 'record-envelopes',
    send(request, next) {
      if (request.body !== undefined)
        recorder.record(request.body, `${operations.length + 1}-${request.operation}`);
      operations.push(request.operation);
      return next(request);
    },
  };
  const passwordOf = (username: string): string => {
    const found = server.mailboxes.find((entry) => entry.address === username);
    if (!found) throw new Error(`no demo user ${username}`);
    return found.password;
  };
  const client = (username: string, options: { readonly version?: ExchangeVersion } = {}): EwsClient => {
    const made = new EwsClient({
      ...options,
      url: server.url,
      auth: createBasicAuth({ username, password: passwordOf(username) }),
      allowInsecureHttp: true,
      policies: [recording],
      timeoutMs: 20_000,
    });
    clients.push(made);
    return made;
  };
  return {
    server,
    recorder,
    operations,
    client,
    account: (username, mailbox = username, accessType = 'delegate') =>
      // The signed-in user is known, as @ews/client knows it from credentials named by address.
      new Account({
        primarySmtpAddress: mailbox,
        client: client(username),
        accessType,
        signedInAs: username,
      }),
    async close() {
      await Promise.all(clients.map((made) => made.close()));
      await server.close();
    },
  };
}

/**
 * Registers the file's harness hooks: `beforeAll` starts it (then runs `setup`, e.g. to sign
 * accounts in), `afterAll` closes it and validates every request the file sent against the EWS
 * schema. Returns the harness as lazy accessors, usable from tests and hooks once it has started.
 */
export function useHarness(
  setup?: (harness: Harness) => void | Promise<void>,
  timing: NotificationTiming = {},
): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(timing);
    await setup?.(started);
  });
  afterAll(async () => {
    await started?.close();
    // One xmllint batch for every request this file sent.
    await started?.recorder.assertAllValid();
  });
  const current = (): Harness => {
    if (started === undefined) throw new Error('the harness starts in beforeAll: use it in tests and hooks');
    return started;
  };
  return {
    get server() {
      return current().server;
    },
    get recorder() {
      return current().recorder;
    },
    get operations() {
      return current().operations;
    },
    client: (username, options) => current().client(username, options),
    account: (username, mailbox, accessType) => current().account(username, mailbox, accessType),
    close: () => current().close(),
  };
}
