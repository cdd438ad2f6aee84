import { createBasicAuth, EwsClient, type Policy } from '@ews/core';
import { startTestServer, type TestServer } from '@ews/test-server';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { Account } from '../../src/index.js';
import { NOW } from './harness.js';

export interface SyncHarness {
  readonly server: TestServer;
  readonly recorder: ReturnType<typeof createEnvelopeRecorder>;
  /** Operations sent, in order. */
  readonly operations: string[];
  account(username: string): Account;
  close(): Promise<void>;
}

/** The notification timing options of the test server (streaming connections, push deliveries). */
export type NotificationTiming = Pick<
  NonNullable<Parameters<typeof startTestServer>[0]>,
  'streaming' | 'push'
>;

/**
 * A test server with fast notification timing (e.g. a "minute" of ConnectionTimeout lasting
 * `streaming.minuteMs`), and accounts whose every request is recorded for schema validation.
 */
export async function startSyncHarness(timing: NotificationTiming = {}): Promise<SyncHarness> {
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
  return {
    server,
    recorder,
    operations,
    account(username) {
      const found = server.mailboxes.find((entry) => entry.address === username);
      if (!found) throw new Error(`no demo user ${username}`);
      const client = new EwsClient({
        url: server.url,
        auth: createBasicAuth({ username, password: found.password }),
        allowInsecureHttp: true,
        policies: [recording],
        timeoutMs: 20_000,
      });
      clients.push(client);
      return new Account({ primarySmtpAddress: username, client });
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await server.close();
    },
  };
}
