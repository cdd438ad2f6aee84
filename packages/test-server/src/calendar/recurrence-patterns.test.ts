import { describe, expect, it } from 'vitest';
import type { CalendarData, Recurrence } from '../store/item-model.js';
import { calendarSeries } from './calendar-series.fixture.js';
import { lastOriginalStart, occurrencesInRange, originalStarts } from './recurrence-expansion.js';

const FAR = new Date('2040-01-01T00:00:00Z');

function series(
  start: string,
  end: string,
  recurrence: Recurrence,
  extra: Partial<CalendarData> = {},
): CalendarData {
  return calendarSeries({ start: new Date(start), end: new Date(end), recurrence, ...extra });
}

const iso = (dates: readonly Date[]) => dates.map((d) => d.toISOString().replace('.000Z', 'Z'));
const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('monthly and yearly recurrence patterns', () => {
  it('AbsoluteMonthly on the 31st falls on the last day of shorter months', () => {
    const data = series('2026-01-31T10:00:00Z', '2026-01-31T11:00:00Z', {
      pattern: { type: 'AbsoluteMonthly', interval: 1, dayOfMonth: 31 },
      startDate: day('2026-01-31'),
      numberOfOccurrences: 5,
    });
    expect(iso(originalStarts(data, FAR))).toEqual([
      '2026-01-31T10:00:00Z',
      '2026-02-28T10:00:00Z',
      '2026-03-31T10:00:00Z',
      '2026-04-30T10:00:00Z',
      '2026-05-31T10:00:00Z',
    ]);
  });

  it('RelativeMonthly: the second Tuesday every other month, up to an end date', () => {
    const data = series('2026-01-13T14:00:00Z', '2026-01-13T15:00:00Z', {
      pattern: { type: 'RelativeMonthly', interval: 2, dayOfWeek: 'Tuesday', dayOfWeekIndex: 'Second' },
      startDate: day('2026-01-01'),
      endDate: day('2026-09-08'),
    });
    expect(iso(originalStarts(data, FAR))).toEqual([
      '2026-01-13T14:00:00Z',
      '2026-03-10T14:00:00Z',
      '2026-05-12T14:00:00Z',
      '2026-07-14T14:00:00Z',
      '2026-09-08T14:00:00Z',
    ]);
    expect(lastOriginalStart(data)?.toISOString()).toBe('2026-09-08T14:00:00.000Z');
  });

  it('RelativeMonthly with day groups: the last weekday and the first weekend day', () => {
    const lastWeekday = series('2026-01-30T16:00:00Z', '2026-01-30T17:00:00Z', {
      pattern: { type: 'RelativeMonthly', interval: 1, dayOfWeek: 'Weekday', dayOfWeekIndex: 'Last' },
      startDate: day('2026-01-01'),
      numberOfOccurrences: 3,
    });
    // 2026-02-28 is a Saturday, 2026-03-31 a Tuesday.
    expect(iso(originalStarts(lastWeekday, FAR))).toEqual([
      '2026-01-30T16:00:00Z',
      '2026-02-27T16:00:00Z',
      '2026-03-31T16:00:00Z',
    ]);
    const firstWeekendDay = series('2026-02-01T09:00:00Z', '2026-02-01T10:00:00Z', {
      pattern: { type: 'RelativeMonthly', interval: 1, dayOfWeek: 'WeekendDay', dayOfWeekIndex: 'First' },
      startDate: day('2026-02-01'),
      numberOfOccurrences: 3,
    });
    expect(iso(originalStarts(firstWeekendDay, FAR))).toEqual([
      '2026-02-01T09:00:00Z',
      '2026-03-01T09:00:00Z',
      '2026-04-04T09:00:00Z',
    ]);
  });

  it('AbsoluteYearly on 29 February uses the 28th in common years; a start date after it skips a year', () => {
    const data = series('2028-02-29T12:00:00Z', '2028-02-29T13:00:00Z', {
      pattern: { type: 'AbsoluteYearly', dayOfMonth: 29, month: 2 },
      startDate: day('2028-02-29'),
      numberOfOccurrences: 3,
    });
    expect(iso(originalStarts(data, FAR))).toEqual([
      '2028-02-29T12:00:00Z',
      '2029-02-28T12:00:00Z',
      '2030-02-28T12:00:00Z',
    ]);
    const late = series('2027-03-10T12:00:00Z', '2027-03-10T13:00:00Z', {
      pattern: { type: 'AbsoluteYearly', dayOfMonth: 1, month: 3 },
      startDate: day('2026-03-10'),
      numberOfOccurrences: 2,
    });
    expect(iso(originalStarts(late, FAR))).toEqual(['2027-03-01T12:00:00Z', '2028-03-01T12:00:00Z']);
  });

  it('RelativeYearly: the fourth Thursday of November, without end, stops at the horizon', () => {
    const data = series('2026-11-26T17:00:00Z', '2026-11-26T20:00:00Z', {
      pattern: { type: 'RelativeYearly', dayOfWeek: 'Thursday', dayOfWeekIndex: 'Fourth', month: 11 },
      startDate: day('2026-11-01'),
    });
    expect(iso(originalStarts(data, new Date('2029-01-01T00:00:00Z')))).toEqual([
      '2026-11-26T17:00:00Z',
      '2027-11-25T17:00:00Z',
      '2028-11-23T17:00:00Z',
    ]);
    expect(lastOriginalStart(data)).toBeUndefined();
  });
});

describe('recurrence across DST changes (the local time of day is kept in the series time zone)', () => {
  it('weekly 09:00 in W. Europe Standard Time moves from 08:00Z to 07:00Z after 29 March 2026', () => {
    const data = series(
      '2026-03-16T08:00:00Z',
      '2026-03-16T08:30:00Z',
      {
        pattern: { type: 'Weekly', interval: 1, daysOfWeek: ['Monday'] },
        startDate: day('2026-03-16'),
        numberOfOccurrences: 4,
      },
      { timeZone: 'W. Europe Standard Time' },
    );
    expect(iso(originalStarts(data, FAR))).toEqual([
      '2026-03-16T08:00:00Z',
      '2026-03-23T08:00:00Z',
      '2026-03-30T07:00:00Z',
      '2026-04-06T07:00:00Z',
    ]);
    // Occurrences keep the series' duration.
    const inView = occurrencesInRange(data, day('2026-03-29'), day('2026-04-01'));
    expect(inView.map((o) => [o.index, o.start.toISOString(), o.end.toISOString()])).toEqual([
      [3, '2026-03-30T07:00:00.000Z', '2026-03-30T07:30:00.000Z'],
    ]);
  });

  it('RelativeMonthly first Monday 09:00 Eastern crosses the November change (13:00Z, then 14:00Z)', () => {
    const data = series(
      '2026-10-05T13:00:00Z',
      '2026-10-05T14:00:00Z',
      {
        pattern: { type: 'RelativeMonthly', interval: 1, dayOfWeek: 'Monday', dayOfWeekIndex: 'First' },
        startDate: day('2026-10-01'),
        numberOfOccurrences: 3,
      },
      { timeZone: 'Eastern Standard Time' },
    );
    expect(iso(originalStarts(data, FAR))).toEqual([
      '2026-10-05T13:00:00Z',
      '2026-11-02T14:00:00Z',
      '2026-12-07T14:00:00Z',
    ]);
  });

  it('a late-evening series whose UTC date differs from its local date (Tokyo, IANA id)', () => {
    const data = series(
      '2026-01-14T23:30:00Z', // 08:30 on the 15th in Tokyo
      '2026-01-15T00:00:00Z',
      {
        pattern: { type: 'AbsoluteMonthly', interval: 1, dayOfMonth: 15 },
        startDate: day('2026-01-15'),
        numberOfOccurrences: 2,
      },
      { timeZone: 'Asia/Tokyo' },
    );
    expect(iso(originalStarts(data, FAR))).toEqual(['2026-01-14T23:30:00Z', '2026-02-14T23:30:00Z']);
  });

  it('an unknown time zone id falls back to UTC', () => {
    const data = series(
      '2026-03-16T08:00:00Z',
      '2026-03-16T08:30:00Z',
      {
        pattern: { type: 'Weekly', interval: 1, daysOfWeek: ['Monday'] },
        startDate: day('2026-03-16'),
        numberOfOccurrences: 3,
      },
      { timeZone: 'Nowhere Standard Time' },
    );
    expect(iso(originalStarts(data, FAR))).toEqual([
      '2026-03-16T08:00:00Z',
      '2026-03-23T08:00:00Z',
      '2026-03-30T08:00:00Z',
    ]);
  });

  it('exceptions and deleted occurrences apply to a zoned monthly series', () => {
    const data = series(
      '2026-01-15T08:00:00Z', // 09:00 in Berlin
      '2026-01-15T09:00:00Z',
      {
        pattern: { type: 'AbsoluteMonthly', interval: 1, dayOfMonth: 15 },
        startDate: day('2026-01-15'),
        endDate: day('2026-06-30'),
      },
      {
        timeZone: 'W. Europe Standard Time',
        exceptions: [
          {
            originalStart: new Date('2026-04-15T07:00:00Z'),
            start: new Date('2026-04-16T12:00:00Z'),
            end: new Date('2026-04-16T13:00:00Z'),
            subject: 'Moved',
          },
        ],
        deletedOccurrences: [new Date('2026-05-15T07:00:00Z')],
      },
    );
    expect(originalStarts(data, FAR)).toHaveLength(6);
    const view = occurrencesInRange(data, day('2026-03-01'), day('2026-07-01'));
    expect(view.map((o) => [o.index, o.start.toISOString(), o.exception?.subject])).toEqual([
      [3, '2026-03-15T08:00:00.000Z', undefined],
      [4, '2026-04-16T12:00:00.000Z', 'Moved'],
      [6, '2026-06-15T07:00:00.000Z', undefined],
    ]);
  });
});
