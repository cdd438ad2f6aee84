import { describe, expect, it } from 'vitest';
import { calendarSeries } from './calendar-series.fixture.js';
import { lastOriginalStart, occurrencesInRange, originalStarts } from './recurrence-expansion.js';

const series = calendarSeries;

describe('recurrence expansion', () => {
  it('weekly on two days, every other week (weeks start on Sunday)', () => {
    const data = series({
      recurrence: {
        pattern: { type: 'Weekly', interval: 2, daysOfWeek: ['Monday', 'Thursday'] },
        startDate: new Date('2026-01-05T00:00:00Z'),
        numberOfOccurrences: 5,
      },
    });
    expect(originalStarts(data, new Date('2027-01-01')).map((d) => d.toISOString().slice(0, 10))).toEqual([
      '2026-01-05',
      '2026-01-08',
      '2026-01-19',
      '2026-01-22',
      '2026-02-02',
    ]);
    expect(lastOriginalStart(data)?.toISOString()).toBe('2026-02-02T09:00:00.000Z');
  });

  it('daily with an end date, an exception moved into the window and a deleted occurrence', () => {
    const data = series({
      recurrence: {
        pattern: { type: 'Daily', interval: 3 },
        startDate: new Date('2026-01-05T00:00:00Z'),
        endDate: new Date('2026-01-20T00:00:00Z'),
      },
      exceptions: [
        {
          originalStart: new Date('2026-01-11T09:00:00Z'),
          start: new Date('2026-01-12T15:00:00Z'),
          end: new Date('2026-01-12T16:00:00Z'),
        },
      ],
      deletedOccurrences: [new Date('2026-01-14T09:00:00Z')],
    });
    expect(originalStarts(data, new Date('2027-01-01'))).toHaveLength(6);
    const inWindow = occurrencesInRange(
      data,
      new Date('2026-01-12T00:00:00Z'),
      new Date('2026-01-18T00:00:00Z'),
    );
    expect(inWindow.map((o) => [o.index, o.start.toISOString()])).toEqual([
      [3, '2026-01-12T15:00:00.000Z'],
      [5, '2026-01-17T09:00:00.000Z'],
    ]);
  });

  it('a series without end stops at the query horizon', () => {
    const data = series({
      recurrence: { pattern: { type: 'Daily', interval: 1 }, startDate: new Date('2026-01-05T00:00:00Z') },
    });
    expect(lastOriginalStart(data)).toBeUndefined();
    expect(
      occurrencesInRange(data, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-08T00:00:00Z')),
    ).toHaveLength(7);
  });
});
