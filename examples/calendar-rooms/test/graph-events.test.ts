import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Account, CalendarItemModel, Configuration, Credentials, DELEGATE } from '@ews/client';
import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RoomManager } from '../src/room-manager.js';

// The guide's Step 2: events as Graph-shaped JSON with attendees, organizer and body, straight
// from one calendar view. The test server records every request it answers (`record`), so the
// GetItem count is read from the server's side: ⌈N/100⌉ for N events, never one per event.

const NOW = new Date('2026-03-02T08:00:00Z');
const DAY = Date.UTC(2026, 2, 10);
const EVENTS = 230;
let server: TestServer;
let recordDir: string;
let config: Configuration;
let serviceAddress: string;

beforeAll(async () => {
  recordDir = await mkdtemp(join(tmpdir(), 'calendar-rooms-graph-'));
  server = await startTestServer({ port: 0, seed: 'demo', now: () => NOW, record: recordDir });
  const service = server.mailboxes.find((mailbox) => mailbox.kind === 'service');
  if (!service) throw new Error('no service account');
  serviceAddress = service.address;
  config = new Configuration({
    serviceEndpoint: server.url,
    credentials: new Credentials(service.address, service.password),
    allowInsecureHttp: true,
  });
  // A busy day in Alice's calendar: 230 meetings with attendees, a room and a body.
  const alice = server.mailboxes.find((mailbox) => mailbox.address === 'alice@contoso.test');
  if (!alice) throw new Error('no alice');
  const organizer = new Account({
    primarySmtpAddress: alice.address,
    config: new Configuration({
      serviceEndpoint: server.url,
      credentials: new Credentials(alice.address, alice.password),
      allowInsecureHttp: true,
    }),
    accessType: DELEGATE,
  });
  const created = await organizer.bulkCreate(
    CalendarItemModel,
    Array.from({ length: EVENTS }, (_, index) => ({
      subject: `Review ${index}`,
      start: new Date(DAY + 8 * 3_600_000 + index * 60_000),
      end: new Date(DAY + 8 * 3_600_000 + index * 60_000 + 1_800_000),
      body: { bodyType: 'HTML' as const, value: `<p>Agenda ${index}</p>` },
      requiredAttendees: [{ mailbox: { emailAddress: 'bob@contoso.test', name: 'Bob' } }],
      optionalAttendees: [{ mailbox: { emailAddress: 'carol@contoso.test', name: 'Carol' } }],
    })),
  );
  expect(created.every((result) => result.ok)).toBe(true);
  await organizer.close();
}, 120_000);

afterAll(async () => {
  await config?.close();
  await server?.close();
  await rm(recordDir, { recursive: true, force: true });
});

async function requestsOf(operation: string): Promise<number> {
  return (await readdir(recordDir)).filter((name) => name.endsWith(`-${operation}-request.xml`)).length;
}

it('gives attendees, organizer and body from one view, with ⌈N/100⌉ GetItem calls', async () => {
  const manager = new RoomManager(config, serviceAddress);
  const getItemsBefore = await requestsOf('GetItem');
  const findItemsBefore = await requestsOf('FindItem');
  const events = await manager.events('alice@contoso.test', new Date(DAY), new Date(DAY + 86_400_000));
  const getItems = (await requestsOf('GetItem')) - getItemsBefore;

  expect(events.length).toBeGreaterThanOrEqual(EVENTS);
  expect(getItems).toBe(Math.ceil(events.length / 100));
  expect((await requestsOf('FindItem')) - findItemsBefore).toBe(1);

  // The JSON the guide prints, with what used to need a GetItem per event.
  const json = JSON.parse(JSON.stringify({ value: events })) as { value: typeof events };
  const review = json.value.find((event) => event.subject === 'Review 7');
  expect(review).toEqual({
    subject: 'Review 7',
    start: { dateTime: new Date(DAY + 8 * 3_600_000 + 7 * 60_000).toISOString(), timeZone: 'UTC' },
    end: { dateTime: new Date(DAY + 8 * 3_600_000 + 7 * 60_000 + 1_800_000).toISOString(), timeZone: 'UTC' },
    location: { displayName: '' },
    organizer: { emailAddress: { address: 'alice@contoso.test', name: expect.any(String) } },
    attendees: [
      { emailAddress: { address: 'bob@contoso.test', name: expect.any(String) }, type: 'required' },
      { emailAddress: { address: 'carol@contoso.test', name: expect.any(String) }, type: 'optional' },
    ],
    body: { contentType: 'html', content: expect.stringContaining('Agenda 7') },
    isAllDay: false,
    isCancelled: false,
    isRecurring: false,
    categories: [],
  });
  // Every event carries its own attendees and body, none a neighbour's.
  for (const event of json.value.filter((candidate) => candidate.subject.startsWith('Review '))) {
    const index = event.subject.slice('Review '.length);
    expect(event.body.content).toContain(`Agenda ${index}<`);
    expect(event.attendees.map((attendee) => attendee.type)).toEqual(['required', 'optional']);
  }
});
