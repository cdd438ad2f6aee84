import { EwsInvalidArgumentError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import type { Account, FreeBusy, MailboxAvailability } from '../src/index.js';
import { useHarness } from './helpers/harness.js';

// Free/busy at scale against the test server: more than 100 mailboxes split into requests of
// 100, one outcome per mailbox in input order, working hours, merged slots, suggestions and
// findFreeRooms. Every request is schema-checked by the harness.

let alice: Account;
const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

const ROOMS = ['room.oslo@contoso.test', 'room.paris@contoso.test', 'room.tokyo@contoso.test'];
const DAY = { start: new Date('2026-03-03T00:00:00Z'), end: new Date('2026-03-04T00:00:00Z') };

function freeBusyOf(entry: MailboxAvailability | undefined): FreeBusy {
  if (!entry) throw new Error('no answer');
  if (!entry.ok) throw entry.error;
  return entry.value;
}

function sentSince(mark: number, operation: string): number {
  return harness.operations.slice(mark).filter((o) => o === operation).length;
}

describe('getAvailability over any number of mailboxes', () => {
  it('splits 250 mailboxes into 3 requests; results in input order; unknown rooms fail alone', async () => {
    // Real rooms at positions 0, 120 and 249, the rest unknown to the directory.
    const mailboxes = Array.from({ length: 250 }, (_, i) => `nobody${i}@contoso.test`);
    mailboxes[0] = ROOMS[0] as string;
    mailboxes[120] = ROOMS[1] as string;
    mailboxes[249] = ROOMS[2] as string;
    const mark = harness.operations.length;
    const answers = await alice.getAvailability({ mailboxes, ...DAY, view: 'FreeBusyMerged' });
    expect(sentSince(mark, 'GetUserAvailability')).toBe(3);
    expect(answers.map((a) => a.address)).toEqual(mailboxes);
    expect(answers.map((a, i) => (a.ok ? i : -1)).filter((i) => i >= 0)).toEqual([0, 120, 249]);
    for (const answer of answers) {
      if (answer.ok) continue;
      expect(answer.error).toMatchObject({ responseCode: 'ErrorMailRecipientNotFound' });
    }
  });

  it('honours batchSize and concurrency, and checks arguments before sending', async () => {
    const mark = harness.operations.length;
    const answers = await alice.getAvailability({ mailboxes: ROOMS, ...DAY, batchSize: 1, concurrency: 2 });
    expect(sentSince(mark, 'GetUserAvailability')).toBe(3);
    expect(answers.map((a) => a.ok)).toEqual([true, true, true]);
    await expect(alice.getAvailability({ mailboxes: ROOMS, start: DAY.end, end: DAY.start })).rejects.toThrow(
      EwsInvalidArgumentError,
    );
    await expect(alice.getAvailability({ mailboxes: ROOMS, ...DAY, batchSize: 101 })).rejects.toThrow(
      EwsInvalidArgumentError,
    );
    expect(await alice.getAvailability({ mailboxes: [], ...DAY })).toEqual([]);
  });

  it('decodes the merged string into slots that agree with the events', async () => {
    const answers = await alice.getAvailability({
      mailboxes: ROOMS,
      ...DAY,
      view: 'FreeBusyMerged',
      mergedIntervalMinutes: 60,
    });
    let busySlots = 0;
    for (const fb of answers.map(freeBusyOf)) {
      expect(fb.viewType).toBe('FreeBusyMerged');
      expect(fb.mergedSlots).toHaveLength(24);
      fb.mergedSlots?.forEach((slot, i) => {
        expect(slot.start).toEqual(new Date(DAY.start.getTime() + i * 3_600_000));
        const overlapping = fb.events.filter((e) => e.start < slot.end && e.end > slot.start);
        // A slot is free exactly when no event overlaps it (the seed has no Free events).
        expect(slot.busyType === 'Free').toBe(overlapping.length === 0);
        if (slot.busyType !== 'Free') busySlots++;
      });
    }
    expect(busySlots).toBeGreaterThan(0);
  });

  it("reads each mailbox's working hours in its own zone", async () => {
    const [oslo, , tokyo] = (await alice.getAvailability({ mailboxes: ROOMS, ...DAY })).map(freeBusyOf);
    // Tokyo keeps Tokyo hours (UTC+9): 09:00-18:00, Monday to Friday.
    expect(tokyo?.workingHours?.timeZone.bias).toBe(-540);
    expect(tokyo?.workingHours?.periods).toEqual([
      { days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], startMinutes: 540, endMinutes: 1080 },
    ]);
    // A mailbox without its own: Exchange's default 08:00-17:00.
    expect(oslo?.workingHours?.periods[0]).toMatchObject({ startMinutes: 480, endMinutes: 1020 });
  });
});

describe('findFreeRooms', () => {
  // Friday 2026-03-20, after the seed's meetings.
  const at = (time: string) => new Date(`2026-03-20T${time}:00Z`);

  it('expands the room list, asks free/busy once per 100 rooms, stable order', async () => {
    const mark = harness.operations.length;
    const rooms = await alice.findFreeRooms({
      roomList: 'rooms@contoso.test',
      start: at('08:00'),
      end: at('09:00'),
    });
    expect(sentSince(mark, 'GetRooms')).toBe(1);
    expect(sentSince(mark, 'GetUserAvailability')).toBe(1);
    expect(rooms.map((r) => r.room.emailAddress)).toEqual(ROOMS);
    expect(rooms.every((r) => r.roomList?.emailAddress === 'rooms@contoso.test')).toBe(true);
    // 08:00 UTC is 17:00 in Tokyo: every room is within its working hours and free.
    expect(rooms.map((r) => r.ok && r.value.free)).toEqual([true, true, true]);
  });

  it("honours each room's working hours unless told not to", async () => {
    // 09:00 UTC is 18:00 in Tokyo: Tokyo has closed, the others (08:00-17:00 UTC) are open.
    const honoured = await alice.findFreeRooms({ rooms: ROOMS, start: at('09:00'), end: at('10:00') });
    expect(honoured.map((r) => r.ok && r.value.free)).toEqual([true, true, false]);
    // 22:00 UTC: every room has closed.
    const late = { rooms: ROOMS, start: at('22:00'), end: at('23:00') };
    expect((await alice.findFreeRooms(late)).map((r) => r.ok && r.value.free)).toEqual([false, false, false]);
    const ignored = await alice.findFreeRooms({ ...late, honourWorkingHours: false });
    expect(ignored.map((r) => r.ok && r.value.free)).toEqual([true, true, true]);
  });

  it("finds slots around bookings, returns the day's schedule in the same requests, keeps unknown rooms as errors", async () => {
    const day = { start: new Date('2026-03-03T00:00:00Z'), end: new Date('2026-03-04T00:00:00Z') };
    const reference = (await alice.getAvailability({ mailboxes: ROOMS, ...day })).map(freeBusyOf);
    const mark = harness.operations.length;
    const rooms = await alice.findFreeRooms({
      rooms: [...ROOMS, 'nobody@contoso.test'],
      start: new Date('2026-03-03T08:00:00Z'),
      end: new Date('2026-03-03T17:00:00Z'),
      durationMinutes: 30,
      schedule: day,
    });
    expect(sentSince(mark, 'GetUserAvailability')).toBe(1);
    expect(rooms[3]).toMatchObject({ ok: false, error: { responseCode: 'ErrorMailRecipientNotFound' } });
    rooms.slice(0, 3).forEach((room, i) => {
      if (!room.ok) throw room.error;
      expect(room.value.events.map((e) => e.start.getTime())).toEqual(
        [...(reference[i]?.events ?? [])].map((e) => e.start.getTime()).sort((a, b) => a - b),
      );
      for (const slot of room.value.freeSlots) {
        expect(slot.end.getTime() - slot.start.getTime()).toBeGreaterThanOrEqual(30 * 60_000);
        const blocking = room.value.events.filter(
          (e) => e.busyType !== 'Free' && e.busyType !== 'WorkingElsewhere',
        );
        expect(blocking.some((e) => e.start < slot.end && e.end > slot.start)).toBe(false);
      }
    });
  });

  it('refuses a call without rooms or with a duration longer than the window', async () => {
    await expect(alice.findFreeRooms({ start: at('08:00'), end: at('09:00') })).rejects.toThrow(
      EwsInvalidArgumentError,
    );
    await expect(
      alice.findFreeRooms({ rooms: ROOMS, start: at('08:00'), end: at('09:00'), durationMinutes: 61 }),
    ).rejects.toThrow(EwsInvalidArgumentError);
  });
});

describe('suggestMeetingTimes', () => {
  it('suggests times within working hours at the duration asked, rated by how many attendees are free', async () => {
    const attendees = [
      'alice@contoso.test',
      'bob@contoso.test',
      'carol@contoso.test',
      'room.oslo@contoso.test',
    ];
    const window = { start: new Date('2026-03-02T00:00:00Z'), end: new Date('2026-03-07T00:00:00Z') };
    const days = await alice.suggestMeetingTimes({
      attendees,
      ...window,
      durationMinutes: 60,
      maximumResultsByDay: 48,
      minimumQuality: 'Poor',
    });
    expect(days.map((d) => d.date)).toEqual(
      Array.from({ length: 5 }, (_, i) => new Date(window.start.getTime() + i * 86_400_000)),
    );
    // The free/busy of the same attendees, to judge each suggestion independently.
    const schedules = (await alice.getAvailability({ mailboxes: attendees, ...window })).map(freeBusyOf);
    let suggestions = 0;
    for (const day of days) {
      for (const s of day.suggestions) {
        suggestions++;
        const end = new Date(s.meetingTime.getTime() + 3_600_000);
        // Working hours of everyone here: Monday to Friday, 08:00-17:00 (UTC).
        expect(s.isWorkTime).toBe(true);
        expect(s.meetingTime.getUTCHours()).toBeGreaterThanOrEqual(8);
        expect(end.getTime()).toBeLessThanOrEqual(Date.UTC(2026, 2, s.meetingTime.getUTCDate(), 17));
        expect(s.conflicts.map((c) => c.address)).toEqual(attendees);
        const conflicted = schedules.filter((fb) =>
          fb.events.some(
            (e) =>
              ['Tentative', 'Busy', 'OOF'].includes(e.busyType) && e.start < end && e.end > s.meetingTime,
          ),
        ).length;
        const percent = (100 * conflicted) / attendees.length;
        const expected =
          conflicted === 0 ? 'Excellent' : percent <= 25 ? 'Good' : percent < 50 ? 'Fair' : 'Poor';
        expect(s.quality, s.meetingTime.toISOString()).toBe(expected);
      }
      expect(day.suggestions.length).toBeLessThanOrEqual(48);
    }
    // 9 working hours a day → 17 half-hour starts for a 60-minute meeting.
    expect(suggestions).toBe(5 * 17);
    expect(days.some((d) => d.suggestions.some((s) => s.quality !== 'Excellent'))).toBe(true);
  });

  it('keeps to MinimumSuggestionQuality and MaximumResultsByDay', async () => {
    const days = await alice.suggestMeetingTimes({
      attendees: ['alice@contoso.test', 'bob@contoso.test'],
      start: new Date('2026-03-02T00:00:00Z'),
      end: new Date('2026-03-04T00:00:00Z'),
      maximumResultsByDay: 3,
      minimumQuality: 'Excellent',
    });
    for (const day of days) {
      expect(day.suggestions.length).toBeLessThanOrEqual(3);
      expect(day.suggestions.every((s) => s.quality === 'Excellent')).toBe(true);
    }
  });

  it('refuses more than 100 attendees (a split would rate each part alone)', async () => {
    const attendees = Array.from({ length: 101 }, (_, i) => `p${i}@contoso.test`);
    await expect(alice.suggestMeetingTimes({ attendees, ...DAY })).rejects.toThrow(EwsInvalidArgumentError);
  });
});
