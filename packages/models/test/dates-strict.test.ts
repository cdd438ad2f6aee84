import { EwsError, EwsProtocolError } from '@ews/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CalendarItemModel,
  date,
  dateAsDateTime,
  dateTime,
  duration,
  durationKind,
  fromXml,
  PlainDate,
  type TimeZoneDefinition,
  timeZoneDefinitionFor,
  toXml,
} from '../src/index.js';
import { formatDateTime } from '../src/kinds/date-time.js';
import { formatDuration, parseDuration } from '../src/kinds/duration.js';
import { definitionOffsets } from '../src/timezones/definition-offsets.js';
import { dateTimeLocal } from '../src/timezones/local-date-time.js';
import { errorCodeOf } from './helpers/error-code.js';

// Dates and times read from a server: a value with a field out of range is EWS_PROTOCOL, never
// another date (Date.UTC would read 2024-02-30 as March 1st, hour 25 as the next day and the
// year 0099 as 1999). Property-based: every valid value round-trips; every value with one field
// out of range is refused with EwsProtocolError, never another error and never a date.

const RUNS = Number(process.env.EWS_PROPERTY_RUNS ?? 2_000);
const MIN_MS = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Days in a month by the Gregorian rule, written out independently of the code under test. */
const monthLength = (y: number, m: number) =>
  [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    m - 1
  ] ?? 0;

/** The reference instant, from Date's own setters (which, unlike Date.UTC, keep the years 1–99). */
function referenceMs(p: Fields, offsetMinutes: number): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, Number((p.fraction ?? '').slice(0, 3).padEnd(3, '0')));
  return d.getTime() - offsetMinutes * 60_000;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction?: string | undefined;
}

const fieldsArb: fc.Arbitrary<Fields> = fc
  .record({
    year: fc.oneof(
      fc.integer({ min: 1, max: 9999 }),
      fc.integer({ min: 1, max: 99 }),
      fc.constantFrom(1600, 1900, 2000, 2024),
    ),
    month: fc.integer({ min: 1, max: 12 }),
    dayIndex: fc.nat(),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(fc.stringMatching(/^\d{1,15}$/), { nil: undefined }),
  })
  .map(({ dayIndex, ...rest }) => ({ ...rest, day: 1 + (dayIndex % monthLength(rest.year, rest.month)) }));

/** A zone and its offset in minutes: none, Z, or ±hh:mm within ±14:00. */
const zoneArb: fc.Arbitrary<{ text: string; minutes: number }> = fc.oneof(
  fc.constant({ text: '', minutes: 0 }),
  fc.constant({ text: 'Z', minutes: 0 }),
  fc.integer({ min: -14 * 60, max: 14 * 60 }).map((minutes) => {
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return { text: `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`, minutes };
  }),
);

const text = (p: Fields, zone = '') =>
  `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.fraction === undefined ? '' : `.${p.fraction}`}${zone}`;

/** The reader's verdict: the instant read, or the error's class and code. */
function outcome(read: () => Date | PlainDate | string): string {
  try {
    const value = read();
    return value instanceof Date ? `date ${value.toISOString()}` : `value ${String(value)}`;
  } catch (error) {
    return error instanceof EwsProtocolError && EwsError.isInstance(error) && error.code === 'EWS_PROTOCOL'
      ? 'EWS_PROTOCOL'
      : `other error: ${String(error)}`;
  }
}

describe('xs:dateTime: every valid value round-trips', () => {
  it('any instant from 0001 to 9999, written then read, is the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_MS, max: MAX_MS }), (ms) => {
        const written = formatDateTime(new Date(ms));
        expect(dateTime.fromText(written, 'X').getTime()).toBe(ms);
        expect(dateTime.toText(dateTime.fromText(written, 'X'))).toBe(written);
      }),
      { numRuns: RUNS },
    );
  });

  it('any valid field values, any zone within ±14:00, any fraction length: the instant they name', () => {
    fc.assert(
      fc.property(fieldsArb, zoneArb, (fields, zone) => {
        const expected = referenceMs(fields, zone.minutes);
        const read = outcome(() => dateTime.fromText(text(fields, zone.text), 'X'));
        if (expected < MIN_MS || expected > MAX_MS) expect(read).toBe('EWS_PROTOCOL');
        else expect(read).toBe(`date ${new Date(expected).toISOString()}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('xs:date and dates kept as dateTime: every calendar date reads as itself', () => {
    fc.assert(
      fc.property(fieldsArb, fc.constantFrom('', 'Z', '+14:00', '-12:00'), (f, zone) => {
        const day = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
        expect(date.fromText(`${day}${zone}`, 'X').toString()).toBe(day);
        expect(PlainDate.of(f.year, f.month, f.day).toString()).toBe(day);
        if (f.year < 9999) expect(dateAsDateTime.fromText(`${day}T00:00:00Z`, 'X').toString()).toBe(day);
      }),
      { numRuns: RUNS },
    );
  });
});

/** One field of a valid value replaced by an out-of-range one. */
const brokenArb: fc.Arbitrary<{ value: string; dateOnly: string | undefined; why: string }> = fc
  .tuple(fieldsArb, zoneArb, fc.nat())
  .chain(([f, zone, pick]) => {
    const day = (d: string, m = pad(f.month)) => `${pad(f.year, 4)}-${m}-${d}`;
    const time = (h: string, mi = pad(f.minute), s = pad(f.second)) => `T${h}:${mi}:${s}`;
    const ok = { date: day(pad(f.day)), time: time(pad(f.hour)) };
    const cases: fc.Arbitrary<{ value: string; dateOnly: string | undefined; why: string }>[] = [
      fc.constantFrom(0, 13, 20, 99).map((m) => {
        const d = day(pad(f.day), pad(m));
        return { value: `${d}${ok.time}${zone.text}`, dateOnly: d, why: `month ${m}` };
      }),
      fc.integer({ min: monthLength(f.year, f.month) + 1, max: 99 }).map((n) => {
        const d = day(pad(n));
        return { value: `${d}${ok.time}${zone.text}`, dateOnly: d, why: `day ${n}` };
      }),
      fc.constant({ value: `${day('00')}${ok.time}${zone.text}`, dateOnly: day('00'), why: 'day 0' }),
      fc.constant({ value: `0000-01-01${ok.time}Z`, dateOnly: '0000-01-01', why: 'year 0' }),
      fc.integer({ min: 25, max: 99 }).map((h) => ({
        value: `${ok.date}${time(pad(h))}${zone.text}`,
        dateOnly: undefined,
        why: `hour ${h}`,
      })),
      fc.integer({ min: 1, max: 59 }).map((mi) => ({
        value: `${ok.date}${time('24', pad(mi))}${zone.text}`,
        dateOnly: undefined,
        why: '24 with minutes',
      })),
      fc.integer({ min: 60, max: 99 }).map((mi) => ({
        value: `${ok.date}${time(pad(f.hour), pad(mi))}${zone.text}`,
        dateOnly: undefined,
        why: `minute ${mi}`,
      })),
      fc.integer({ min: 61, max: 99 }).map((s) => ({
        value: `${ok.date}${time(pad(f.hour), pad(f.minute), pad(s))}${zone.text}`,
        dateOnly: undefined,
        why: `second ${s}`,
      })),
      // :60 anywhere but 23:59:60 UTC (here: never at minute 59 of hour 23 local with zone Z).
      fc.constant({
        value: `${ok.date}T${pad(f.hour === 23 ? 22 : f.hour)}:${pad(f.minute)}:60Z`,
        dateOnly: undefined,
        why: 'second 60 not at the end of a UTC day',
      }),
      fc.integer({ min: 15, max: 99 }).map((hh) => ({
        value: `${ok.date}${ok.time}+${pad(hh)}:00`,
        dateOnly: `${ok.date}+${pad(hh)}:00`,
        why: `zone +${hh}:00`,
      })),
      fc.integer({ min: 60, max: 99 }).map((mm) => ({
        value: `${ok.date}${ok.time}-01:${pad(mm)}`,
        dateOnly: `${ok.date}-01:${pad(mm)}`,
        why: `zone minutes ${mm}`,
      })),
      fc.integer({ min: 1, max: 59 }).map((mm) => ({
        value: `${ok.date}${ok.time}+14:${pad(mm)}`,
        dateOnly: `${ok.date}+14:${pad(mm)}`,
        why: `zone +14:${mm}`,
      })),
    ];
    return cases[pick % cases.length] as (typeof cases)[number];
  });

describe('a value with a field out of range is EWS_PROTOCOL, never another date', () => {
  it('xs:dateTime, dates kept as dateTime, zone-less local times', () => {
    fc.assert(
      fc.property(brokenArb, ({ value, why }) => {
        expect(outcome(() => dateTime.fromText(value, 'X'))).toBe('EWS_PROTOCOL');
        expect(outcome(() => dateAsDateTime.fromText(value, 'X'))).toBe('EWS_PROTOCOL');
        // A wall-clock time has no zone: only the broken date and time fields apply to it.
        if (!why.startsWith('zone')) {
          const local = value.replace(/(Z|[+-]\d\d:\d\d)$/, '').replace(/\.\d+$/, '');
          expect(outcome(() => dateTimeLocal.fromText(local, 'X'))).toBe('EWS_PROTOCOL');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('xs:date', () => {
    fc.assert(
      fc.property(
        brokenArb.filter((b) => b.dateOnly !== undefined),
        ({ dateOnly }) => {
          expect(outcome(() => date.fromText(dateOnly ?? '', 'X'))).toBe('EWS_PROTOCOL');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('any text at all: a date that writes back the same instant, or EWS_PROTOCOL; nothing else', () => {
    const near = fc
      .tuple(
        fieldsArb,
        zoneArb,
        fc.array(fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 1 })), { maxLength: 3 }),
      )
      .map(([f, zone, edits]) => {
        const chars = [...text(f, zone.text)];
        for (const [at, ch] of edits) chars[at % chars.length] = ch;
        return chars.join('');
      });
    fc.assert(
      fc.property(fc.oneof(near, fc.string()), (value) => {
        const read = outcome(() => dateTime.fromText(value, 'X'));
        if (read === 'EWS_PROTOCOL') return;
        expect(read).toMatch(/^date /);
        // Whatever was accepted names its fields exactly: read back from UTC text, the same instant.
        const again = dateTime.fromText(formatDateTime(dateTime.fromText(value, 'X')), 'X');
        expect(`date ${again.toISOString()}`).toBe(read);
        // A UTC value (Z or no zone) before 24:00 and without a leap second reads as its own fields.
        const utc = /^(\d{4}-\d\d-\d\dT(\d\d):\d\d:(\d\d))(\.\d+)?Z?$/.exec(value.trim());
        if (utc !== null && utc[2] !== '24' && utc[3] !== '60') expect(read.slice(5, 24)).toBe(utc[1]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the instances the issue names', () => {
  it.each([
    '2024-02-30T10:00:00Z',
    '2023-02-29T10:00:00Z',
    '2024-04-31T10:00:00Z',
    '2024-01-01T25:00:00Z',
    '2024-01-01T24:00:01Z',
    '2024-01-01T10:60:00Z',
    '2024-01-01T10:00:61Z',
    '2024-01-01T10:00:00+15:00',
    '2024-13-01T10:00:00Z',
    '0000-01-01T00:00:00Z',
    '-0001-01-01T00:00:00Z',
    '10000-01-01T00:00:00Z',
  ])('%s is refused', (value) => {
    expect(outcome(() => dateTime.fromText(value, 'X'))).toBe('EWS_PROTOCOL');
  });

  it('keeps the years 0001–0099 (no 1900s), with or without a zone', () => {
    expect(dateTime.fromText('0099-03-01T10:00:00Z', 'X').toISOString()).toBe('0099-03-01T10:00:00.000Z');
    expect(dateTime.fromText('0001-01-01T00:00:00', 'X').toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(date.fromText('0004-02-29', 'X').toString()).toBe('0004-02-29');
    expect(outcome(() => date.fromText('0100-02-29', 'X'))).toBe('EWS_PROTOCOL');
    expect(dateAsDateTime.fromText('0050-06-15T00:00:00Z', 'X').toString()).toBe('0050-06-15');
  });

  it('24:00:00 is the end of the day, as XML Schema allows', () => {
    expect(dateTime.fromText('2024-02-29T24:00:00Z', 'X').toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(dateTime.fromText('2024-12-31T24:00:00.000Z', 'X').toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('a leap second only where XML Schema 1.0 places one, read as the last millisecond of that day', () => {
    expect(dateTime.fromText('2016-12-31T23:59:60Z', 'X').toISOString()).toBe('2016-12-31T23:59:59.999Z');
    expect(dateTime.fromText('2016-12-31T18:59:60.5-05:00', 'X').toISOString()).toBe(
      '2016-12-31T23:59:59.999Z',
    );
    expect(dateTime.fromText('2015-06-30T23:59:60', 'X').toISOString()).toBe('2015-06-30T23:59:59.999Z');
    for (const value of [
      '2016-12-30T23:59:60Z',
      '2016-12-31T22:59:60Z',
      '2016-12-31T23:59:60+01:00',
      '2016-11-30T23:59:60Z',
    ])
      expect(
        outcome(() => dateTime.fromText(value, 'X')),
        value,
      ).toBe('EWS_PROTOCOL');
  });

  it('fractions of any length are cut to milliseconds, never rounded into the next second', () => {
    expect(dateTime.fromText('2024-01-01T10:00:00.9999999Z', 'X').toISOString()).toBe(
      '2024-01-01T10:00:00.999Z',
    );
    expect(dateTime.fromText('2024-01-01T10:00:00.5Z', 'X').toISOString()).toBe('2024-01-01T10:00:00.500Z');
    expect(dateTime.fromText(`2024-01-01T10:00:00.${'1'.repeat(40)}Z`, 'X').toISOString()).toBe(
      '2024-01-01T10:00:00.111Z',
    );
  });

  it('a Date outside 0001–9999 is refused when written', () => {
    expect(dateTime.accepts(new Date('0001-01-01T00:00:00Z'))).toBe(true);
    expect(dateTime.accepts(new Date(MIN_MS - 1))).toBe(false);
    expect(dateTime.accepts(new Date(MAX_MS + 1))).toBe(false);
  });
});

describe('durations', () => {
  const durationArb = fc
    .record({
      negative: fc.boolean(),
      years: fc.nat(10_000),
      months: fc.nat(500),
      days: fc.nat(100_000),
      hours: fc.nat(10_000),
      minutes: fc.nat(10_000),
      seconds: fc.oneof(
        fc.nat(100_000),
        fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1000),
      ),
    })
    .map((parts) => duration(parts));

  it('every duration round-trips', () => {
    fc.assert(
      fc.property(durationArb, (value) => {
        const read = durationKind.fromText(formatDuration(value), 'X');
        const empty = ['years', 'months', 'days', 'hours', 'minutes', 'seconds'].every(
          (part) => value[part as keyof typeof value] === 0,
        );
        // An empty duration has no sign to keep (PT0S).
        expect(read).toEqual(empty ? { ...value, negative: false } : value);
      }),
      { numRuns: RUNS },
    );
  });

  it('a part too large to hold exactly is EWS_PROTOCOL, not EWS_INVALID_ARGUMENT or Infinity', () => {
    for (const value of [`P${'9'.repeat(400)}D`, 'PT9007199254740993H', `PT${'9'.repeat(30)}.5S`]) {
      expect(parseDuration(value), value).toBeUndefined();
      expect(errorCodeOf(() => durationKind.fromText(value, 'X'))).toBe('EWS_PROTOCOL');
    }
  });
});

describe('time zone transitions', () => {
  const pacific = toXml(
    CalendarItemModel,
    {
      start: new Date('2024-03-01T09:00:00Z'),
      // From 2005: the US rules changed in 2007, so the definition has AbsoluteDateTransitions.
      startTimeZone: timeZoneDefinitionFor('Pacific Standard Time', { fromYear: 2005, toYear: 2030 }),
    },
    { version: 'Exchange2013' },
  ).xml;

  it('reads the definition as written', () => {
    expect(fromXml(CalendarItemModel, pacific).startTimeZone?.id).toBe('Pacific Standard Time');
  });

  it.each([
    ['<t:Month>3</t:Month>', '<t:Month>13</t:Month>'],
    ['<t:Month>3</t:Month>', '<t:Month>0</t:Month>'],
    ['<t:Occurrence>2</t:Occurrence>', '<t:Occurrence>0</t:Occurrence>'],
    ['<t:Occurrence>2</t:Occurrence>', '<t:Occurrence>9</t:Occurrence>'],
  ])('refuses %s written as %s', (from, to) => {
    expect(pacific).toContain(from);
    expect(errorCodeOf(() => fromXml(CalendarItemModel, pacific.replace(from, to)))).toBe('EWS_PROTOCOL');
  });

  it('refuses an AbsoluteDateTransition on a day that does not exist', () => {
    const dates = pacific.match(/<t:DateTime>[^<]*<\/t:DateTime>/g) ?? [];
    expect(dates.length).toBeGreaterThan(0);
    for (const bad of [
      '2007-02-30T00:00:00',
      '2007-01-01T25:00:00',
      '2007-01-01T00:00:60',
      '0000-01-01T00:00:00',
    ]) {
      const xml = pacific.replace(dates[0] ?? '', `<t:DateTime>${bad}</t:DateTime>`);
      expect(
        errorCodeOf(() => fromXml(CalendarItemModel, xml)),
        bad,
      ).toBe('EWS_PROTOCOL');
    }
  });

  it('a fixed-day rule on 29 February falls on the 28th in a common year, not on 1 March', () => {
    const definition: TimeZoneDefinition = {
      id: 'Leap Day Time',
      periods: [
        { id: 'std', name: 'Standard', bias: duration({}) },
        { id: 'dst', name: 'Daylight', bias: duration({ negative: true, hours: 1 }) },
      ],
      transitionsGroups: [
        {
          id: '0',
          transitions: [
            {
              type: 'RecurringDate',
              to: { kind: 'Period', id: 'dst' },
              timeOffset: duration({ hours: 2 }),
              month: 2,
              day: 29,
            },
            {
              type: 'RecurringDate',
              to: { kind: 'Period', id: 'std' },
              timeOffset: duration({ hours: 2 }),
              month: 10,
              day: 1,
            },
          ],
        },
      ],
      transitions: [{ type: 'Transition', to: { kind: 'Group', id: '0' } }],
    };
    const offset = definitionOffsets(definition);
    expect(offset(new Date('2023-02-28T01:59:00Z'))).toBe(0);
    expect(offset(new Date('2023-02-28T02:00:00Z'))).toBe(60);
    expect(offset(new Date('2024-02-29T01:59:00Z'))).toBe(0);
    expect(offset(new Date('2024-02-29T02:00:00Z'))).toBe(60);
  });
});
