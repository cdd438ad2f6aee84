import { CalendarItemModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import { Account, type FreeBusy, type MailboxAvailability } from '../src/index.js';
import { NOW, useHarness } from './helpers/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let alice: Account;

const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

async function count<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A mailbox's free/busy, or its error thrown (one outcome per mailbox). */
function freeBusyOf(entry: MailboxAvailability | undefined): FreeBusy {
  if (!entry) throw new Error('no answer for the mailbox');
  if (!entry.ok) throw entry.error;
  return entry.value;
}

/** A weekday hour well after the seed's meetings: 2026-03-20 is a Friday; 22:00 UTC is free. */
const FREE_SLOT = { start: new Date('2026-03-20T22:00:00Z'), end: new Date('2026-03-20T23:00:00Z') };

describe('rooms', () => {
  it('lists the room lists and their rooms', async () => {
    const lists = await alice.getRoomLists();
    expect(lists.map((list) => list.emailAddress)).toEqual(['rooms@contoso.test']);
    const rooms = await alice.getRooms(lists[0] ?? 'rooms@contoso.test');
    expect(rooms.map((room) => room.emailAddress).sort()).toEqual([
      'room.oslo@contoso.test',
      'room.paris@contoso.test',
      'room.tokyo@contoso.test',
    ]);
    expect(rooms.every((room) => typeof room.name === 'string' && room.name.length > 0)).toBe(true);
  });

  it('reads the free/busy of every room for a day, as events and as a merged string', async () => {
    const day = { start: new Date('2026-03-03T00:00:00Z'), end: new Date('2026-03-04T00:00:00Z') };
    const rooms = ['room.oslo@contoso.test', 'room.paris@contoso.test', 'room.tokyo@contoso.test'];
    const busy = await alice.getAvailability({
      mailboxes: rooms.map((address) => ({ address, attendeeType: 'Room' as const })),
      ...day,
      view: 'FreeBusyMerged',
    });
    expect(busy.map((entry) => entry.address)).toEqual(rooms);
    for (const entry of busy.map(freeBusyOf)) {
      expect(entry.merged).toMatch(/^[0-5]{48}$/);
      for (const event of entry.events) {
        expect(event.start.getTime()).toBeLessThan(event.end.getTime());
        expect(event.end.getTime()).toBeGreaterThan(day.start.getTime());
        expect(['Free', 'Tentative', 'Busy', 'OOF', 'WorkingElsewhere', 'NoData']).toContain(event.busyType);
      }
    }
    expect(busy.map(freeBusyOf).some((entry) => entry.events.length > 0)).toBe(true);
    // The room's own calendar (the service account has full access to rooms) agrees with free/busy.
    const service = harness.account('ews.service@contoso.test', 'room.oslo@contoso.test', 'impersonation');
    const schedule = await count(service.calendar.view(day));
    const oslo = freeBusyOf(busy[0]);
    expect(schedule.map((item) => item.start?.toISOString()).sort()).toEqual(
      oslo.events.map((event) => event.start.toISOString()).sort(),
    );
  });

  it('books a free room with attendees: the room accepts and shows busy', async () => {
    const before = await alice.getAvailability({ mailboxes: ['room.paris@contoso.test'], ...FREE_SLOT });
    expect(freeBusyOf(before[0]).events).toEqual([]);
    const booked = await alice.bookRoom({
      room: 'room.paris@contoso.test',
      subject: 'Quarterly planning',
      ...FREE_SLOT,
      attendees: ['bob@contoso.test', 'carol@contoso.test'],
      body: { bodyType: 'Text', value: 'Agenda: <numbers> & plans' },
    });
    expect(booked.id).toBeTypeOf('string');
    const after = await alice.getAvailability({
      mailboxes: ['room.paris@contoso.test'],
      ...FREE_SLOT,
      view: 'Detailed',
    });
    expect(freeBusyOf(after[0]).events.map((event) => event.busyType)).toEqual(['Busy']);
    const mine = await count(alice.calendar.view(FREE_SLOT));
    expect(mine.map((item) => item.subject)).toContain('Quarterly planning');
    const bob = harness.account('bob@contoso.test');
    const bobs = await count(bob.calendar.view(FREE_SLOT));
    expect(bobs.map((item) => item.subject)).toContain('Quarterly planning');
  });

  it('resolves names against the directory', async () => {
    const found = await alice.resolveNames('bob');
    expect(found.map((mailbox) => mailbox.emailAddress)).toContain('bob@contoso.test');
    expect(await alice.resolveNames('zz-nobody-by-this-name')).toEqual([]);
  });
});

describe('impersonation and access', () => {
  it('lets the service account read several users calendars, one account per user', async () => {
    const users = ['alice@contoso.test', 'bob@contoso.test', 'carol@contoso.test'];
    const window = { start: NOW, end: new Date(NOW.getTime() + 7 * DAY) };
    const perUser = await Promise.all(
      users.map(async (address) => {
        const account = harness.account('ews.service@contoso.test', address, 'impersonation');
        const items = await count(account.calendar.view(window));
        return { address, items };
      }),
    );
    for (const { items } of perUser) expect(items.length).toBeGreaterThan(0);
    const aliceDirect = await count(alice.calendar.view(window));
    expect(perUser[0]?.items.map((item) => item.itemId?.id)).toEqual(
      aliceDirect.map((item) => item.itemId?.id),
    );
    expect(perUser[1]?.items.map((item) => item.itemId?.id)).not.toEqual(
      aliceDirect.map((item) => item.itemId?.id),
    );
  });

  it('reports a denied impersonation as a typed error', async () => {
    const bobAsAlice = harness.account('bob@contoso.test', 'alice@contoso.test', 'impersonation');
    await expect(bobAsAlice.inbox.get()).rejects.toMatchObject({
      responseCode: 'ErrorImpersonateUserDenied',
    });
  });

  it('reports access to another mailbox without rights as ErrorAccessDenied; a delegate gets in', async () => {
    const bobOnAlice = harness.account('bob@contoso.test', 'alice@contoso.test');
    await expect(bobOnAlice.inbox.get()).rejects.toMatchObject({ responseCode: 'ErrorAccessDenied' });
    const graceOnAlice = harness.account('grace@contoso.test', 'alice@contoso.test');
    expect((await graceOnAlice.inbox.get()).totalCount).toBe(12);
  });

  it('owns and closes a client it made from options', async () => {
    const account = new Account({
      primarySmtpAddress: 'dave@contoso.test',
      client: {
        url: harness.server.url,
        allowInsecureHttp: true,
        auth: (await import('@ews/core')).createBasicAuth({
          username: 'dave@contoso.test',
          password: 'Dave-Demo-2016!',
        }),
      },
      defaultTimeZone: 'Europe/Oslo',
    });
    const created = await account.createCalendarItem({
      subject: 'Dentist',
      start: new Date('2026-03-10T13:00:00Z'),
      end: new Date('2026-03-10T14:00:00Z'),
    });
    const [item] = await account.calendar.filter({ subject: 'Dentist' }).toArray();
    expect(item?.itemId?.id).toBe(created.id);
    await account.close();
    await expect(account.inbox.get()).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
  });
});

describe('bulk', () => {
  it('creates, updates and deletes in chunks, keeping results in input order with partial failures', async () => {
    const erin = harness.account('erin@contoso.test');
    const items = Array.from({ length: 7 }, (_, index) => ({
      subject: `Bulk ${index}`,
      start: new Date(Date.UTC(2026, 3, 1 + index, 9)),
      end: new Date(Date.UTC(2026, 3, 1 + index, 10)),
    }));
    const before = harness.operations.length;
    const created = await erin.bulkCreate(CalendarItemModel, items, {
      folder: { distinguishedId: 'calendar' },
      chunkSize: 3,
      concurrency: 2,
    });
    expect(harness.operations.slice(before)).toEqual(['CreateItem', 'CreateItem', 'CreateItem']);
    const refs = created.map((result) => {
      if (!result.ok || !result.value) throw new Error('create failed');
      return result.value;
    });
    const listed = await erin.calendar
      .filter({ subject: { contains: 'Bulk ' } })
      .orderBy('start')
      .toArray();
    expect(listed.map((item) => item.itemId?.id)).toEqual(refs.map((ref) => ref.id));

    const updates = refs.map((ref, index) => ({ item: ref, changes: { subject: `Bulk renamed ${index}` } }));
    // A stale item id in the middle fails on its own; the others succeed.
    updates.splice(3, 0, { item: { id: `${refs[0]?.id ?? ''}x` }, changes: { subject: 'never' } });
    const updated = await erin.bulkUpdate(CalendarItemModel, updates, { chunkSize: 4 });
    expect(updated.map((result) => result.ok)).toEqual([true, true, true, false, true, true, true, true]);
    const renamed = await erin.calendar
      .filter({ subject: { contains: 'Bulk renamed' } })
      .orderBy('start')
      .toArray();
    expect(renamed.map((item) => item.subject)).toEqual(items.map((_, index) => `Bulk renamed ${index}`));

    const deleted = await erin.bulkDelete([...refs, { id: 'AAMkADoesNotExist' }], {
      chunkSize: 5,
      deleteType: 'HardDelete',
    });
    expect(deleted.map((result) => result.ok)).toEqual([true, true, true, true, true, true, true, false]);
    expect(await erin.calendar.filter({ subject: { contains: 'Bulk' } }).count()).toBe(0);
  });

  it('gives a chunk that fails as a whole its error for each of its items; other chunks succeed', async () => {
    const frank = harness.account('frank@contoso.test');
    const items = ['Chunk A', 'Chunk B', 'Bad \u0000 subject', 'Chunk D'].map((subject, index) => ({
      subject,
      start: new Date(Date.UTC(2026, 4, 4 + index, 9)),
      end: new Date(Date.UTC(2026, 4, 4 + index, 10)),
    }));
    const results = await frank.bulkCreate(CalendarItemModel, items, { chunkSize: 2 });
    expect(results.map((result) => result.ok)).toEqual([true, true, false, false]);
    const [, , bad] = results;
    expect(bad?.ok === false && bad.error).toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
    const saved = await frank.calendar.filter({ subject: { contains: 'Chunk' } }).toArray();
    expect(saved.map((item) => item.subject).sort()).toEqual(['Chunk A', 'Chunk B']);
  });

  it('rejects as a whole when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(alice.bulkDelete([{ id: 'x' }], { signal: controller.signal })).rejects.toMatchObject({
      code: 'EWS_ABORTED',
    });
  });
});
