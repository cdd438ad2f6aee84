import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookJson, CalendarJson, RoomsJson, WhoamiJson } from '../src/index.js';
import { ews, signIn } from './helpers/run.js';

const NOW = new Date('2026-03-02T08:00:00Z');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ tls: true, seed: 'demo', now: () => NOW });
});
afterAll(async () => {
  await server?.close();
});

async function asAlice(argv: readonly string[]) {
  const { flags, env } = signIn(server, 'alice@contoso.test');
  return ews([...argv, ...flags], { env });
}

describe('ews whoami', () => {
  it('--json: the directory entry, the inbox and the server build', async () => {
    const ran = await asAlice(['whoami', '--json']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const json = ran.json<WhoamiJson>();
    const inbox = server.snapshot().mailbox('alice@contoso.test');
    expect(json).toEqual({
      user: 'alice@contoso.test',
      mailbox: 'alice@contoso.test',
      directory: { name: 'Alice Adams', emailAddress: 'alice@contoso.test', mailboxType: 'Mailbox' },
      inbox: {
        displayName: 'Inbox',
        totalCount: inbox.itemsIn(inbox.folder('inbox').id).length,
        unreadCount: inbox.itemsIn(inbox.folder('inbox').id).filter((item) => item.message?.isRead === false)
          .length,
      },
      server: {
        endpoint: server.url,
        build: server.serverVersion.build,
        product: 'Exchange 2016',
        requestVersion: expect.any(String),
      },
    });
  });

  it('text: who and which server', async () => {
    const ran = await asAlice(['whoami']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Alice Adams <alice@contoso.test>');
    expect(ran.stdout).toContain(`Exchange 2016 build ${server.serverVersion.build}`);
  });
});

describe('ews calendar', () => {
  it('--json: every occurrence in the window, as the server holds them', async () => {
    const ran = await asAlice([
      'calendar',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-07',
      '--tz',
      'Europe/Oslo',
      '--json',
    ]);
    expect(ran.code).toBe(0);
    const json = ran.json<CalendarJson>();
    // Midnight in Oslo (UTC+1 in March) is 23:00 UTC the day before.
    expect(json.from).toBe('2026-03-01T23:00:00.000Z');
    expect(json.to).toBe('2026-03-06T23:00:00.000Z');
    expect(json.timeZone).toBe('Europe/Oslo');
    expect(json.mailbox).toBe('alice@contoso.test');
    expect(json.events.length).toBeGreaterThan(0);
    const standups = json.events.filter((event) => event.subject === 'Team standup');
    expect(standups.length).toBeGreaterThanOrEqual(3); // a weekday series (one occurrence moved, one deleted)
    for (const event of json.events) {
      expect(Object.keys(event).sort()).toEqual(
        [
          'end',
          'isAllDay',
          'isCancelled',
          'itemId',
          'location',
          'organizer',
          'showAs',
          'start',
          'subject',
          'type',
          'uid',
        ].filter((key) => (event as unknown as Record<string, unknown>)[key] !== undefined),
      );
      expect(new Date(event.end).getTime()).toBeGreaterThan(new Date(json.from).getTime());
      expect(new Date(event.start).getTime()).toBeLessThan(new Date(json.to).getTime());
    }
    // One uid for every occurrence of the series.
    expect(new Set(standups.map((event) => event.uid)).size).toBe(1);
    expect(standups.every((event) => event.type === 'Occurrence' || event.type === 'Exception')).toBe(true);
  });

  it('another mailbox (delegate access) and times printed in --tz', async () => {
    const grace = signIn(server, 'grace@contoso.test');
    const ran = await ews(
      [
        'calendar',
        'alice@contoso.test',
        '--from',
        '2026-03-02',
        '--to',
        '2026-03-03',
        '--tz',
        'Asia/Tokyo',
        ...grace.flags,
      ],
      {
        env: grace.env,
      },
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(
      /^alice@contoso\.test: \d+ events, 2026-03-02 00:00 to 2026-03-03 00:00 \(Asia\/Tokyo\)/,
    );
  });

  it('refuses a window that ends before it starts, and --ics with --json', async () => {
    const backwards = await asAlice(['calendar', '--from', '2026-03-05', '--to', '2026-03-02', '--json']);
    expect(backwards.code).toBe(1);
    expect(backwards.json<{ error: { code: string } }>().error.code).toBe('INVALID_ARGUMENT');
    const both = await asAlice(['calendar', '--ics', '--json']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--ics and --json');
  });

  it('--ics: the same events as --json, as RFC 5545 lines', async () => {
    const window = ['--from', '2026-03-02T00:00Z', '--to', '2026-03-04T00:00Z'];
    const json = (await asAlice(['calendar', ...window, '--json'])).json<CalendarJson>();
    const ran = await asAlice(['calendar', ...window, '--ics']);
    expect(ran.code).toBe(0);
    const text = ran.stdout;
    expect(text.endsWith('\r\n')).toBe(true);
    const physical = text.slice(0, -2).split('\r\n');
    for (const line of physical) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const lines = text.slice(0, -2).replace(/\r\n /g, '').split('\r\n'); // unfolded
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((line) => line.startsWith('PRODID:'))).toBe(true);
    const events = lines.filter((line) => line === 'BEGIN:VEVENT').length;
    expect(events).toBe(json.events.length);
    expect(lines.filter((line) => line === 'END:VEVENT').length).toBe(events);
    const starts = lines.filter((line) => line.startsWith('DTSTART'));
    const expected = json.events.map((event) =>
      event.isAllDay
        ? expect.stringMatching(/^DTSTART;VALUE=DATE:\d{8}$/)
        : `DTSTART:${event.start.replace(/[-:]/g, '').replace('.000', '')}`,
    );
    expect(starts).toEqual(expected);
    for (const line of lines) expect(line).toMatch(/^[A-Z-]+(;[A-Z-]+=[^:;]+)*:/);
    expect(lines.filter((line) => line.startsWith('UID:')).length).toBe(events);
    expect(lines.filter((line) => line.startsWith('DTSTAMP:')).length).toBe(events);
  });
});

describe('ews rooms', () => {
  it('--json: the room lists', async () => {
    const ran = await asAlice(['rooms', '--json']);
    expect(ran.code).toBe(0);
    expect(ran.json<RoomsJson>()).toEqual({
      kind: 'lists',
      roomLists: [{ name: 'All Rooms', emailAddress: 'rooms@contoso.test' }],
    });
  });

  it('--list NAME --json: its rooms (by display name or address)', async () => {
    for (const list of ['All Rooms', 'rooms@contoso.test']) {
      const json = (await asAlice(['rooms', '--list', list, '--json'])).json<RoomsJson>();
      expect(json.kind).toBe('rooms');
      if (json.kind !== 'rooms') continue;
      expect(json.roomList.emailAddress).toBe('rooms@contoso.test');
      expect(json.rooms.map((room) => room.emailAddress)).toEqual([
        'room.oslo@contoso.test',
        'room.paris@contoso.test',
        'room.tokyo@contoso.test',
      ]);
    }
    const unknown = await asAlice(['rooms', '--list', 'Nowhere', '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.json<{ error: { code: string; message: string } }>().error).toEqual({
      code: 'NO_SUCH_ROOM_LIST',
      message: 'no room list "Nowhere" (room lists: All Rooms)',
    });
  });

  it('--free --json: each room free or busy, with its free slots', async () => {
    const ran = await asAlice([
      'rooms',
      '--free',
      '--from',
      '2026-03-03T10:00:00Z',
      '--to',
      '2026-03-03T11:00:00Z',
      '--json',
    ]);
    expect(ran.code).toBe(0);
    const json = ran.json<RoomsJson>();
    expect(json.kind).toBe('free');
    if (json.kind !== 'free') return;
    expect(json.from).toBe('2026-03-03T10:00:00.000Z');
    expect(json.rooms.map((room) => room.emailAddress)).toEqual([
      'room.oslo@contoso.test',
      'room.paris@contoso.test',
      'room.tokyo@contoso.test',
    ]);
    for (const room of json.rooms) {
      expect(room.roomList).toBe('rooms@contoso.test');
      expect(typeof room.free).toBe('boolean');
      if (room.free) expect(room.freeSlots).toEqual([{ start: json.from, end: json.to }]);
    }
  });
});

describe('ews book', () => {
  it('--json: books a free room, then refuses it for the same time (exit 3) unless --force', async () => {
    const slot = ['--start', '2026-03-04T13:00:00Z', '--duration', '45m'];
    const free = await asAlice([
      'rooms',
      '--free',
      '--from',
      '2026-03-04T13:00:00Z',
      '--to',
      '2026-03-04T13:45:00Z',
      '--json',
    ]);
    const room =
      free.json<RoomsJson>().kind === 'free'
        ? (free.json<RoomsJson>() as Extract<RoomsJson, { kind: 'free' }>).rooms.find((entry) => entry.free)
        : undefined;
    expect(room?.emailAddress).toBeDefined();
    const address = room?.emailAddress ?? '';

    const booked = await asAlice([
      'book',
      address,
      '--subject',
      'Planning',
      ...slot,
      '--attendees',
      'bob@contoso.test',
      'carol@contoso.test',
      '--json',
    ]);
    expect(booked.stderr).toBe('');
    expect(booked.code).toBe(0);
    const json = booked.json<BookJson>();
    expect(json).toEqual({
      itemId: expect.any(String),
      changeKey: expect.any(String),
      room: address,
      subject: 'Planning',
      start: '2026-03-04T13:00:00.000Z',
      end: '2026-03-04T13:45:00.000Z',
      attendees: ['bob@contoso.test', 'carol@contoso.test'],
      roomWasFree: true,
      forced: false,
    });
    // The server holds it in Alice's calendar with the room as a resource.
    const alice = server.snapshot().mailbox('alice@contoso.test');
    const item = alice.items.find((entry) => entry.id === json.itemId);
    expect(item?.subject).toBe('Planning');
    expect(item?.calendar?.start?.toISOString()).toBe('2026-03-04T13:00:00.000Z');
    expect(item?.calendar?.resources.map((resource) => resource.person.address)).toEqual([address]);

    const again = await asAlice(['book', address, '--subject', 'Clash', ...slot, '--json']);
    expect(again.code).toBe(3);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('ROOM_BUSY');
    expect(
      server
        .snapshot()
        .mailbox('alice@contoso.test')
        .items.filter((entry) => entry.subject === 'Clash'),
    ).toEqual([]);

    const forced = await asAlice(['book', address, '--subject', 'Clash', ...slot, '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(forced.json<BookJson>()).toMatchObject({ roomWasFree: false, forced: true });
  });

  it('refuses a room name that is not an address, and a bad duration', async () => {
    expect(
      (await asAlice(['book', 'Oslo', '--subject', 'x', '--start', 'now', '--duration', '30'])).stderr,
    ).toContain('email address');
    const bad = await asAlice([
      'book',
      'room.oslo@contoso.test',
      '--subject',
      'x',
      '--start',
      'now',
      '--duration',
      '0',
      '--json',
    ]);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('INVALID_DURATION');
  });
});
