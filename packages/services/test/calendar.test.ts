import type { CalendarItem } from '@ews/models';
import { describe, expect, it } from 'vitest';
import type { Account } from '../src/index.js';
import { NOW, useHarness } from './helpers/harness.js';

const DAY = 86_400_000;
let alice: Account;

const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

async function collect(items: AsyncIterable<CalendarItem>): Promise<CalendarItem[]> {
  const out: CalendarItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const ids = (items: readonly CalendarItem[]) => items.map((item) => item.itemId?.id);

describe('calendar.view', () => {
  const start = new Date(NOW.getTime() - 15 * DAY);
  const end = new Date(NOW.getTime() + 15 * DAY);

  it('lists 30 days with the recurring standup expanded into occurrences, in start order', async () => {
    const items = await collect(alice.calendar.view({ start, end }));
    expect(items.length).toBeGreaterThan(20);
    const standups = items.filter((item) => item.subject?.startsWith('Team standup'));
    expect(standups.length).toBeGreaterThan(10);
    expect(standups.every((item) => item.type === 'Occurrence' || item.type === 'Exception')).toBe(true);
    // The seed moved one occurrence (an exception with its own subject) and deleted another.
    expect(standups.filter((item) => item.type === 'Exception').map((item) => item.subject)).toEqual([
      'Team standup (moved)',
    ]);
    expect(new Set(ids(items)).size).toBe(items.length);
    const starts = items.map((item) => item.start?.getTime() ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const item of items) {
      expect(item.start?.getTime()).toBeLessThan(end.getTime());
      expect(item.end?.getTime()).toBeGreaterThan(start.getTime());
    }
  });

  it('splits a window the server truncates, losing and repeating nothing', async () => {
    const whole = await collect(alice.calendar.view({ start, end }));
    const before = harness.operations.length;
    const split = await collect(alice.calendar.view({ start, end, maxEntriesPerCall: 7 }));
    expect(harness.operations.length - before).toBeGreaterThan(4);
    expect(ids(split)).toEqual(ids(whole));
  });

  it('splits a window longer than the server allows (two years) instead of failing', async () => {
    const longStart = new Date(NOW.getTime() - 600 * DAY);
    const longEnd = new Date(NOW.getTime() + 600 * DAY);
    // maxWindowDays above Exchange's limit makes the server refuse the first call.
    const before = harness.operations.length;
    const items = await collect(alice.calendar.view({ start: longStart, end: longEnd, maxWindowDays: 2000 }));
    // The refused call, then its two halves.
    expect(harness.operations.length - before).toBe(3);
    const month = await collect(alice.calendar.view({ start, end }));
    expect(new Set(ids(items)).size).toBe(items.length);
    expect(ids(items)).toEqual(expect.arrayContaining(ids(month)));
  });

  it('returns only the asked-for fields', async () => {
    const items = await collect(
      alice.calendar.view({
        start,
        end: new Date(start.getTime() + 3 * DAY),
        only: ['subject', 'start', 'end'],
      }),
    );
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.subject).toBeTypeOf('string');
      expect(item.start).toBeInstanceOf(Date);
      expect(item.location).toBeUndefined();
    }
    // Fields FindItem cannot return (body, attendees…) are no longer refused: they are fetched with
    // GetItem in batches (test/view-fields.test.ts).
  });

  it('refuses an empty window', async () => {
    await expect(collect(alice.calendar.view({ start: end, end: start }))).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
  });
});
