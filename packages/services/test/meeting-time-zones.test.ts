import { createBasicAuth, EwsClient } from '@ews/core';
import { type CalendarItem, CalendarItemModel, PlainDate } from '@ews/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account } from '../src/index.js';
import { useHarness } from './helpers/harness.js';

// The host runs in a zone of its own (Auckland: UTC+13, its DST ends 2026-04-05), so a client that
// wrote meetings in the host's zone, or in UTC, moves the wall-clock time of later occurrences.
const HOST_ZONE = 'Pacific/Auckland';
let savedZone: string | undefined;
beforeAll(() => {
  savedZone = process.env.TZ;
  process.env.TZ = HOST_ZONE;
});
afterAll(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
});

const harness = useHarness();
const ALICE = 'alice@contoso.test';

/** Wall-clock `YYYY-MM-DD hh:mm` of an instant in `zone` (Intl, never the host's local time). */
function wallClock(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The instant a wall-clock time has in `zone` (found by correcting a UTC guess twice). */
function instantAt(zone: string, year: number, month: number, day: number, hour: number): Date {
  const wanted = Date.UTC(year, month - 1, day, hour);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const [date, time] = wallClock(new Date(guess), zone).split(' ');
    const [y, m, d] = (date ?? '').split('-').map(Number);
    const [h, min] = (time ?? '').split(':').map(Number);
    guess += wanted - Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, h ?? 0, min ?? 0);
  }
  return new Date(guess);
}

// Mondays from 2026-03-02 for nine weeks: New York's DST starts 03-08, Oslo's 03-29, Lord Howe
// leaves its 30-minute DST 04-05 (as Auckland leaves its hour); Kolkata has none.
const SERIES_WEEKS = 9;
function weeklyAtNine(zone: string, extra: Partial<CalendarItem> = {}): CalendarItem {
  const start = instantAt(zone, 2026, 3, 2, 9);
  return {
    subject: `Stand-up ${zone}`,
    start,
    end: new Date(start.getTime() + 30 * 60_000),
    recurrence: {
      pattern: { type: 'Weekly', interval: 1, daysOfWeek: ['Monday'] },
      range: { type: 'Numbered', startDate: PlainDate.of(2026, 3, 2), numberOfOccurrences: SERIES_WEEKS },
    },
    ...extra,
  };
}

async function occurrenceTimes(account: Account, subject: string, zone: string): Promise<string[]> {
  const times: string[] = [];
  for await (const item of account.calendar.view({
    start: new Date('2026-03-01T00:00:00Z'),
    end: new Date('2026-05-10T00:00:00Z'),
  })) {
    if (item.subject === subject && item.start !== undefined) times.push(wallClock(item.start, zone));
  }
  return times;
}

const expectedNineOClock = (): string[] =>
  Array.from({ length: SERIES_WEEKS }, (_, week) => {
    const day = new Date(Date.UTC(2026, 2, 2 + 7 * week));
    return `${day.toISOString().slice(0, 10)} 09:00`;
  });

function account(defaultTimeZone?: string): Account {
  return new Account({
    primarySmtpAddress: ALICE,
    client: harness.client(ALICE),
    ...(defaultTimeZone === undefined ? {} : { defaultTimeZone }),
  });
}

describe('recurring meetings keep their wall-clock time across daylight-saving changes', () => {
  it(`runs on a host in ${HOST_ZONE}, not UTC (so host-local or UTC times would show)`, () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(HOST_ZONE);
    expect(new Date(Date.UTC(2026, 2, 2)).getTimezoneOffset()).toBe(-13 * 60);
  });

  it.each(['Europe/Oslo', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'])(
    'in %s, the account default zone',
    async (zone) => {
      const alice = account(zone);
      await alice.createCalendarItem(weeklyAtNine(zone));
      expect(await occurrenceTimes(alice, `Stand-up ${zone}`, zone)).toEqual(expectedNineOClock());
    },
  );

  it('in the zone the item names, over the account default', async () => {
    const alice = account('Europe/Oslo');
    const item = weeklyAtNine('America/New_York', {
      subject: 'Named zone',
      startTimeZone: { id: 'America/New_York' },
      endTimeZone: { id: 'Eastern Standard Time' },
    });
    await alice.createCalendarItem(item);
    expect(await occurrenceTimes(alice, 'Named zone', 'America/New_York')).toEqual(expectedNineOClock());
  });

  it("in the host's zone when the account names none", async () => {
    const alice = account();
    expect(alice.windowsTimeZone()).toBe('New Zealand Standard Time');
    await alice.createCalendarItem(weeklyAtNine(HOST_ZONE, { subject: 'Host zone' }));
    expect(await occurrenceTimes(alice, 'Host zone', HOST_ZONE)).toEqual(expectedNineOClock());
  });

  it('after the series is moved with save(), still in its own zone', async () => {
    const alice = account('Asia/Kolkata');
    const oslo = weeklyAtNine('Europe/Oslo', { subject: 'Moved', startTimeZone: { id: 'Europe/Oslo' } });
    const ref = await alice.createCalendarItem({ ...oslo, endTimeZone: { id: 'Europe/Oslo' } });
    const original = await alice.items.get(CalendarItemModel, ref);
    expect(original.startTimeZone?.id).toBe('W. Europe Standard Time');
    const start = instantAt('Europe/Oslo', 2026, 3, 2, 10);
    await alice.items.save(
      CalendarItemModel,
      { ...original, start, end: new Date(start.getTime() + 30 * 60_000) },
      { original },
    );
    const times = await occurrenceTimes(alice, 'Moved', 'Europe/Oslo');
    expect(times).toEqual(expectedNineOClock().map((t) => t.replace('09:00', '10:00')));
  });
});

describe('TimeZoneContext', () => {
  it("is the host's zone when the account names none, on the operations whose binding takes it", async () => {
    const bodies = new Map<string, string>();
    const password = harness.server.mailboxes.find((entry) => entry.address === ALICE)?.password ?? '';
    const client = new EwsClient({
      url: harness.server.url,
      auth: createBasicAuth({ username: ALICE, password }),
      allowInsecureHttp: true,
      policies: [
        {
          name: 'capture',
          send(request, next) {
            bodies.set(request.operation, String(request.body));
            return next(request);
          },
        },
      ],
    });
    const alice = new Account({ primarySmtpAddress: ALICE, client });
    const window = { start: new Date('2026-03-02T00:00:00Z'), end: new Date('2026-03-03T00:00:00Z') };
    for await (const _ of alice.calendar.view(window)) break;
    await alice.getRoomLists();
    await client.close();
    expect(bodies.get('FindItem')).toContain('<t:TimeZoneDefinition Id="New Zealand Standard Time"/>');
    expect(bodies.get('GetRoomLists')).not.toContain('TimeZoneContext');
  });
});
