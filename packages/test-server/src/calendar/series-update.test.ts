import { describe, expect, it } from 'vitest';
import type { CalendarData, Recurrence } from '../store/item-model.js';
import { calendarSeries } from './calendar-series.fixture.js';
import { originalStarts } from './recurrence-expansion.js';
import { reshapeSeries } from './series-update.js';

const daily = (count: number): Recurrence => ({
  pattern: { type: 'Daily', interval: 1 },
  startDate: new Date('2026-01-05T00:00:00Z'),
  numberOfOccurrences: count,
});

/** A daily series of 5 from 2026-01-05 09:00 UTC with one moved and one deleted occurrence. */
function withChanges(): CalendarData {
  return calendarSeries({
    recurrence: daily(5),
    exceptions: [
      {
        originalStart: new Date('2026-01-06T09:00:00Z'),
        start: new Date('2026-01-06T11:00:00Z'),
        end: new Date('2026-01-06T12:00:00Z'),
      },
    ],
    deletedOccurrences: [new Date('2026-01-08T09:00:00Z')],
  });
}

describe('reshapeSeries', () => {
  it('leaves a series alone when nothing about its shape changed', () => {
    const before = withChanges();
    const after = structuredClone(before);
    after.location = 'Elsewhere';
    after.recurrence = daily(5);
    expect(reshapeSeries(before, after)).toBe('none');
    expect(after.exceptions).toHaveLength(1);
    expect(after.deletedOccurrences).toHaveLength(1);
  });

  it('a shorter range keeps only the changes still inside the series', () => {
    const before = withChanges();
    const after = structuredClone(before);
    after.recurrence = daily(2);
    expect(reshapeSeries(before, after)).toBe('reshaped');
    expect(after.exceptions.map((e) => e.originalStart.toISOString())).toEqual(['2026-01-06T09:00:00.000Z']);
    expect(after.deletedOccurrences).toEqual([]);
  });

  it('a new interval drops every change', () => {
    const before = withChanges();
    const after = structuredClone(before);
    after.recurrence = { ...daily(5), pattern: { type: 'Daily', interval: 2 } };
    expect(reshapeSeries(before, after)).toBe('reshaped');
    expect([after.exceptions, after.deletedOccurrences]).toEqual([[], []]);
  });

  it('removing the recurrence drops every change and keeps the times', () => {
    const before = withChanges();
    const after = structuredClone(before);
    after.recurrence = undefined;
    expect(reshapeSeries(before, after)).toBe('reshaped');
    expect([after.exceptions, after.deletedOccurrences, after.start]).toEqual([[], [], before.start]);
  });

  it('a moved Start takes the series to its local date, and occurrences keep that local time across DST', () => {
    // 00:30 in Berlin on 2026-03-24 is 23:30 UTC the day before; Europe moves to summer time on 03-29.
    const before = calendarSeries({
      start: new Date('2026-03-20T08:00:00Z'),
      end: new Date('2026-03-20T09:00:00Z'),
      timeZone: 'W. Europe Standard Time',
      recurrence: {
        pattern: { type: 'Daily', interval: 1 },
        startDate: new Date('2026-03-20T00:00:00Z'),
        numberOfOccurrences: 7,
      },
      deletedOccurrences: [new Date('2026-03-21T08:00:00Z')],
    });
    const after = structuredClone(before);
    after.start = new Date('2026-03-23T23:30:00Z');
    after.end = new Date('2026-03-24T00:00:00Z');
    expect(reshapeSeries(before, after)).toBe('reshaped');
    expect(after.recurrence?.startDate.toISOString()).toBe('2026-03-24T00:00:00.000Z');
    expect(after.deletedOccurrences).toEqual([]);
    expect(originalStarts(after, new Date('2027-01-01')).map((d) => d.toISOString().slice(5, 16))).toEqual([
      '03-23T23:30',
      '03-24T23:30',
      '03-25T23:30',
      '03-26T23:30',
      '03-27T23:30',
      '03-28T23:30',
      '03-29T22:30',
    ]);
  });

  it('aligns Start and End with the first occurrence, and reports a shape without occurrences', () => {
    const before = calendarSeries({});
    const after = structuredClone(before);
    // 2026-01-05 is a Monday; the first Wednesday is the 7th.
    after.recurrence = {
      pattern: { type: 'Weekly', interval: 1, daysOfWeek: ['Wednesday'] },
      startDate: new Date('2026-01-05T00:00:00Z'),
    };
    expect(reshapeSeries(before, after)).toBe('reshaped');
    expect([after.start.toISOString(), after.end.toISOString()]).toEqual([
      '2026-01-07T09:00:00.000Z',
      '2026-01-07T10:00:00.000Z',
    ]);
    const none = structuredClone(before);
    none.recurrence = { ...after.recurrence, endDate: new Date('2026-01-06T00:00:00Z') };
    expect(reshapeSeries(before, none)).toBe('empty');
  });
});
