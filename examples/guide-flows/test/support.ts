import type { Policy } from '@ews/client';
import { startTestServer, type TestServer, type TestServerFaults } from '@ews/test-server';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import type { ConnectionSettings } from '../src/connection.js';

/** A fixed clock, so the demo calendars (placed around "now") are the same on every run. */
export const NOW = new Date('2026-03-02T08:00:00Z');

export interface StoredEvent {
  readonly subject: string;
  readonly start: Date;
  readonly end: Date;
  /** Subjects its occurrences can show: its own and those of modified occurrences (exceptions). */
  readonly subjects: readonly string[];
}

export interface Fixture {
  readonly server: TestServer;
  readonly recorder: ReturnType<typeof createEnvelopeRecorder>;
  /** Operations sent, in order. */
  readonly operations: string[];
  signIn(address: string, password?: string): ConnectionSettings;
  /** The calendar items the server holds for `address` (its snapshot: no EWS involved). */
  storedEvents(address: string): Promise<StoredEvent[]>;
}

export async function startFixture(faults?: TestServerFaults): Promise<Fixture> {
  const server = await startTestServer({
    port: 0,
    seed: 'demo',
    now: () => NOW,
    ...(faults ? { faults } : {}),
  });
  const recorder = createEnvelopeRecorder();
  const operations: string[] = [];
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
    signIn(address, password) {
      const found = server.mailboxes.find((mailbox) => mailbox.address === address);
      if (!found) throw new Error(`no demo mailbox ${address}`);
      return {
        serviceEndpoint: server.url,
        username: address,
        password: password ?? found.password,
        allowInsecureHttp: true,
        policies: [recording],
      };
    },
    async storedEvents(address) {
      const mailbox = server.snapshot().mailbox(address);
      return mailbox.itemsIn(mailbox.folder('calendar').id).flatMap((item) =>
        item.calendar
          ? [
              {
                subject: item.subject,
                start: item.calendar.start,
                end: item.calendar.end,
                subjects: [
                  item.subject,
                  ...item.calendar.exceptions.flatMap((exception) => exception.subject ?? []),
                ],
              },
            ]
          : [],
      );
    },
  };
}
