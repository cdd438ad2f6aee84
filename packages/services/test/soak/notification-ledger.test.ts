import { describe, expect, it } from 'vitest';
import { type Handed, judge, type LedgerEntry } from './notification-ledger.js';

// The soak's judge must catch what it is there to catch.
const created = ['a', 'b', 'c', 'd', 'e'];
const generated: LedgerEntry[] = created.map((itemId, i) => ({
  subscriptionId: 's',
  watermark: `w${i}`,
  itemId,
}));
const event = (i: number): Handed => ({ kind: 'event', watermark: `w${i}`, itemId: created[i] });

describe('notification soak judge', () => {
  it('every change delivered once: nothing missing', () => {
    expect(judge(created, generated, [0, 1, 2, 3, 4].map(event))).toMatchObject({
      deliveredOnce: 5,
      covered: 0,
      missing: [],
      duplicated: [],
      invented: [],
    });
  });

  it('a change neither delivered nor inside a gap is missing', () => {
    expect(judge(created, generated, [0, 1, 3, 4].map(event)).missing).toEqual(['c']);
  });

  it('a gap covers the changes between the last delivered before it and the first after it, no more', () => {
    const verdict = judge(created, generated, [event(0), { kind: 'gap' }, event(3), event(4)]);
    expect(verdict).toMatchObject({ deliveredOnce: 3, covered: 2, missing: [] });
    // A gap after c was delivered does not excuse b.
    expect(
      judge(created, generated, [event(0), event(2), { kind: 'gap' }, event(3), event(4)]).missing,
    ).toEqual(['b']);
    // A trailing gap covers everything after it.
    expect(judge(created, generated, [event(0), { kind: 'gap' }]).covered).toBe(4);
  });

  it('a change delivered twice, and an event the server never generated, are reported', () => {
    const verdict = judge(created, generated, [
      ...[0, 1, 2, 3, 4].map(event),
      event(2),
      { kind: 'event', watermark: 'forged', itemId: 'z' },
    ]);
    expect(verdict.duplicated).toEqual(['c']);
    expect(verdict.invented).toEqual(['forged']);
  });
});
