import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../src/index.js';
import { findAll, first, type Harness, NOW, startHarness, texts } from './support/harness.js';
import { envelope, post } from './support/soap-client.js';

const UTC_ZONE =
  '<t:TimeZone><t:Bias>0</t:Bias><t:StandardTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>0</t:DayOrder><t:Month>0</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime>' +
  '<t:DaylightTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>0</t:DayOrder><t:Month>0</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>';
const availability = (rooms: readonly string[], start: string, end: string) =>
  `<m:GetUserAvailabilityRequest>${UTC_ZONE}<m:MailboxDataArray>${rooms
    .map(
      (a) =>
        `<t:MailboxData><t:Email><t:Address>${a}</t:Address></t:Email><t:AttendeeType>Room</t:AttendeeType></t:MailboxData>`,
    )
    .join('')}</m:MailboxDataArray><t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>${start}</t:StartTime>` +
  `<t:EndTime>${end}</t:EndTime></t:TimeWindow><t:RequestedView>FreeBusy</t:RequestedView></t:FreeBusyViewOptions></m:GetUserAvailabilityRequest>`;
const GET_ROOM_LISTS = '<m:GetRoomLists/>';
const getRooms = (list: string) =>
  `<m:GetRooms><m:RoomList><t:EmailAddress>${list}</t:EmailAddress></m:RoomList></m:GetRooms>`;

describe('rooms option: room lists of many rooms with a day of bookings', () => {
  let h: Harness;
  const operations: (string | undefined)[] = [];
  beforeAll(async () => {
    h = await startHarness({
      seed: 'empty',
      rooms: { lists: 3, roomsPerList: 40 },
      onRequest: ({ operation }) => operations.push(operation),
    });
  });
  afterAll(() => h.finish());

  it('GetRoomLists names the lists and GetRooms their rooms; the service account may open every room', async () => {
    const lists = await h.call('ews.service', GET_ROOM_LISTS);
    expect(texts(lists.doc, 'EmailAddress')).toEqual([
      'building1@contoso.test',
      'building2@contoso.test',
      'building3@contoso.test',
    ]);
    const rooms = await h.call('ews.service', getRooms('building2@contoso.test'));
    const addresses = texts(rooms.doc, 'EmailAddress');
    expect(addresses).toHaveLength(40);
    expect(addresses[0]).toBe('room.b2.001@contoso.test');
    expect(new Set(addresses).size).toBe(40);
    expect(h.server.roomLists.map((l) => l.rooms.length)).toEqual([40, 40, 40]);
    expect(h.server.mailboxes.filter((m) => m.kind === 'room')).toHaveLength(3 + 120);
    expect(h.server.snapshot().mailbox('room.b3.040@contoso.test')).toBeDefined();
  });

  it('each room has a plausible day: bookings between 08:00 and 18:00 UTC, some rooms busy, some free', async () => {
    const rooms = h.server.roomLists.flatMap((l) => l.rooms).slice(0, 100);
    const day = await h.call(
      'ews.service',
      availability(rooms, '2026-03-11T00:00:00', '2026-03-12T00:00:00'),
    );
    const views = findAll(day.doc, 'FreeBusyView');
    expect(views).toHaveLength(100);
    const perRoom = views.map((view) => findAll(view, 'CalendarEvent'));
    const starts = perRoom.flat().map((e) => first(e, 'StartTime').text);
    const ends = perRoom.flat().map((e) => first(e, 'EndTime').text);
    expect(starts.every((t) => t >= '2026-03-11T08:00:00' && t < '2026-03-11T18:00:00')).toBe(true);
    expect(ends.every((t) => t > '2026-03-11T08:00:00' && t <= '2026-03-11T18:00:00')).toBe(true);
    expect(perRoom.flat().length).toBeGreaterThan(200);
    // NOW is 12:00: in the next hour some rooms are booked and some are free.
    const hour = await h.call(
      'ews.service',
      availability(rooms, '2026-03-11T12:00:00', '2026-03-11T13:00:00'),
    );
    const busyNextHour = findAll(hour.doc, 'FreeBusyView').filter(
      (view) => findAll(view, 'CalendarEvent').length > 0,
    ).length;
    expect(busyNextHour).toBeGreaterThan(10);
    expect(busyNextHour).toBeLessThan(90);
    expect(texts(hour.doc, 'BusyType').every((t) => t === 'Busy' || t === 'Tentative')).toBe(true);
  });

  it('onRequest hears every EWS request with its operation', () => {
    // The body's element, as faults' `operations` name it (GetUserAvailability's is …Request).
    expect(operations).toEqual([
      'GetRoomLists',
      'GetRooms',
      'GetUserAvailabilityRequest',
      'GetUserAvailabilityRequest',
    ]);
  });
});

describe('rooms option: checked', () => {
  it.each([
    [{ lists: 0, roomsPerList: 10 }, /rooms.lists/],
    [{ lists: 2.5, roomsPerList: 10 }, /rooms.lists/],
    [{ lists: 5, roomsPerList: 0 }, /rooms.roomsPerList/],
    [{ lists: 5, roomsPerList: Number.NaN }, /rooms.roomsPerList/],
    [{ lists: 50, roomsPerList: 1000 }, /at most 5000 rooms/],
  ])('%o is refused', async (rooms, message) => {
    await expect(startTestServer({ rooms })).rejects.toThrow(message);
  });

  it('the same now books the same meetings', async () => {
    const start = () =>
      startTestServer({ seed: 'empty', now: () => NOW, rooms: { lists: 1, roomsPerList: 5 } });
    const [a, b] = await Promise.all([start(), start()]);
    const subjects = (s: typeof a) =>
      s
        .snapshot()
        .mailbox('room.b1.003@contoso.test')
        .items.map((i) => `${i.subject} ${i.calendar?.start.toISOString()}`);
    expect(subjects(a)).toEqual(subjects(b));
    expect(subjects(a).length).toBeGreaterThan(0);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('latencyMs: every request waits before it is handled', () => {
  const alice = { user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
  const timed = async (url: string) => {
    const started = performance.now();
    const reply = await post(url, envelope(GET_ROOM_LISTS), alice);
    expect(reply.status).toBe(200);
    return performance.now() - started;
  };

  it('adds latencyMs to each request, and nothing without it', async () => {
    const slow = await startTestServer({ seed: 'empty', latencyMs: 120 });
    const fast = await startTestServer({ seed: 'empty' });
    try {
      // Warm both (first requests compile code paths), then measure a few in a row.
      await timed(slow.url);
      await timed(fast.url);
      const slowTimes = [await timed(slow.url), await timed(slow.url), await timed(slow.url)];
      const fastTimes = [await timed(fast.url), await timed(fast.url), await timed(fast.url)];
      for (const t of slowTimes) expect(t).toBeGreaterThanOrEqual(119);
      expect(Math.min(...fastTimes)).toBeLessThan(100);
    } finally {
      await Promise.all([slow.close(), fast.close()]);
    }
  });

  it('applies to authentication challenges too (a round trip is a round trip)', async () => {
    const slow = await startTestServer({ seed: 'empty', latencyMs: 120 });
    try {
      const started = performance.now();
      const reply = await post(slow.url, envelope(GET_ROOM_LISTS), {
        user: 'alice@contoso.test',
        password: 'wrong',
      });
      expect(reply.status).toBe(401);
      expect(performance.now() - started).toBeGreaterThanOrEqual(119);
    } finally {
      await slow.close();
    }
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('latencyMs %s is refused', async (latencyMs) => {
    await expect(startTestServer({ latencyMs })).rejects.toThrow(/latencyMs must be a whole number/);
  });
});
