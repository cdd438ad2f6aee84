import type { CalendarItem } from '@ews/models';
import { describe, expect, it } from 'vitest';
import type { Account } from '../src/index.js';
import { NOW, useHarness } from './helpers/harness.js';

// Views and queries returning any field, against the test server: fields FindItem cannot return
// come from GetItem in batches, merged in view order. Every request is schema-validated (harness).

const DAY = 86_400_000;
let alice: Account;

const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The operations `run` sent. */
async function sentBy<T>(run: () => Promise<T>): Promise<{ result: T; operations: string[] }> {
  const before = harness.operations.length;
  const result = await run();
  return { result, operations: harness.operations.slice(before) };
}

const ids = (items: readonly CalendarItem[]) => items.map((item) => item.itemId?.id);
const count = (operations: readonly string[], name: string) => operations.filter((op) => op === name).length;

describe('calendar.view with fields FindItem cannot return', () => {
  const start = new Date(NOW.getTime() - 15 * DAY);
  const end = new Date(NOW.getTime() + 15 * DAY);

  it('returns attendees, organizer and body, in view order, with one GetItem per 100 items', async () => {
    const plain = await collect(alice.calendar.view({ start, end }));
    const { result: items, operations } = await sentBy(() =>
      collect(
        alice.calendar.view({
          start,
          end,
          only: ['subject', 'start', 'end', 'organizer', 'requiredAttendees', 'body'],
        }),
      ),
    );
    expect(plain.length).toBeGreaterThan(20);
    expect(ids(items)).toEqual(ids(plain));
    expect(count(operations, 'GetItem')).toBe(Math.ceil(items.length / 100));
    expect(count(operations, 'FindItem')).toBe(1);
    for (const [index, item] of items.entries()) {
      expect(item.subject).toBe(plain[index]?.subject);
      expect(item.body?.value).toBeTypeOf('string');
      expect(item.organizer?.emailAddress).toMatch(/@contoso\.test$/);
    }
    const meetings = items.filter((item) => (item.requiredAttendees?.length ?? 0) > 0);
    expect(meetings.length).toBeGreaterThan(0);
    // Each occurrence gets its own answer: what GetItem says of that id, not of a neighbour.
    const one = meetings[0] as CalendarItem;
    const direct = await alice.items.get(alice.calendar.model, one.itemId!, {
      only: ['body', 'requiredAttendees', 'organizer'],
    });
    expect(one.body).toEqual(direct.body);
    expect(one.requiredAttendees).toEqual(direct.requiredAttendees);
  });

  it('batches by fetchBatchSize', async () => {
    const { result: items, operations } = await sentBy(() =>
      collect(alice.calendar.view({ start, end, only: ['subject', 'body'], fetchBatchSize: 7 })),
    );
    expect(count(operations, 'GetItem')).toBe(Math.ceil(items.length / 7));
    expect(items.every((item) => item.body !== undefined)).toBe(true);
  });

  it('sends no GetItem when every field is one FindItem returns', async () => {
    const { operations } = await sentBy(() =>
      collect(alice.calendar.view({ start, end, only: ['subject', 'end', 'isAllDay'] })),
    );
    expect(operations).toEqual(['FindItem']);
  });

  it('keeps split windows exact when `only` leaves `start` out (the view needs it to drop repeats)', async () => {
    // Before, items crossing a split point came twice: without `start` the repeat was not seen.
    const whole = await collect(alice.calendar.view({ start, end, only: ['subject'] }));
    const split = await collect(alice.calendar.view({ start, end, only: ['subject'], maxEntriesPerCall: 7 }));
    expect(ids(split)).toEqual(ids(whole));
    expect(new Set(ids(split)).size).toBe(split.length);
  });

  it('refuses bad fetch options before anything is sent', async () => {
    const { operations } = await sentBy(async () => {
      await expect(
        collect(alice.calendar.view({ start, end, only: ['body'], fetchBatchSize: 0 })),
      ).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT', message: /fetchBatchSize/ });
    });
    expect(operations).toEqual([]);
  });
});

describe('item queries with fields FindItem cannot return', () => {
  it('merge GetItem fields into the FindItem results in query order, one GetItem per batch', async () => {
    const plain = await alice.inbox.all().orderBy('-dateTimeReceived').only('subject').toArray();
    expect(plain.length).toBeGreaterThan(3);
    const before = harness.operations.length;
    const rows = alice.inbox
      .all()
      .orderBy('-dateTimeReceived')
      .fetchWith({ fetchBatchSize: 2 })
      .values('subject', 'body', 'toRecipients');
    // Building the query sends nothing.
    expect(harness.operations.length).toBe(before);
    const list = await sentBy(() => rows.toArray());
    expect(list.result.map((row) => row.subject)).toEqual(plain.map((item) => item.subject));
    expect(list.result.every((row) => row.body !== undefined)).toBe(true);
    expect(count(list.operations, 'GetItem')).toBe(Math.ceil(plain.length / 2));
  });
});
