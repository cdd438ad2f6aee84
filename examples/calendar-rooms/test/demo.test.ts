import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDemo } from '../src/demo.js';

const NOW = new Date('2026-03-02T08:00:00Z');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ port: 0, seed: 'demo', now: () => NOW });
});
afterAll(async () => {
  await server?.close();
});

it('runs the meeting-room flow against the embedded server', async () => {
  const service = server.mailboxes.find((mailbox) => mailbox.kind === 'service');
  if (!service) throw new Error('no service account');
  const lines: string[] = [];
  const result = await runDemo({
    serviceEndpoint: server.url,
    username: service.address,
    password: service.password,
    serviceAddress: service.address,
    user: 'alice@contoso.test',
    attendees: ['bob@contoso.test'],
    now: NOW,
    allowInsecureHttp: true,
    print: (line) => lines.push(line),
  });
  expect(result.events).toBeGreaterThan(10);
  expect(result.rooms).toEqual(server.roomLists.flatMap((list) => list.rooms));
  expect(result.booked.success).toBe(true);
  expect(result.available[result.booked.room ?? '']).toBe(true);
  // The booked room shows the new meeting in its schedule for that day.
  const bookedRoom = result.booked.room ?? '';
  const output = lines.join('\n');
  expect(output).toContain(`Booked ${bookedRoom}`);
  expect(output).toMatch(/15:00 {2}Team Planning Meeting/);
  expect(result.schedules[bookedRoom]).toBeGreaterThanOrEqual(1);

  // The server's own state: the organizer, the attendee and the room each hold the meeting.
  const holders = mailboxesHolding('Team Planning Meeting');
  expect(holders).toEqual(expect.arrayContaining(['alice@contoso.test', 'bob@contoso.test', bookedRoom]));
});

/** Addresses whose calendar holds an item with this subject, read from the server's own state. */
function mailboxesHolding(subject: string): string[] {
  return server.snapshot().mailboxes.flatMap((mailbox) => {
    const held = mailbox.itemsIn(mailbox.folder('calendar').id).some((item) => item.subject === subject);
    return held ? [mailbox.address] : [];
  });
}
