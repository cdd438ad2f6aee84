import { describe, expect, it } from 'vitest';
import { escapeText, fold, writeIcs } from '../src/output/ics.js';
import { formatInZone, parseDuration, parseTime } from '../src/output/time.js';

describe('iCalendar text (RFC 5545)', () => {
  it('escapes TEXT values: backslash, semicolon, comma, line breaks; drops other control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\u0007g')).toBe('a\\\\b\\;c\\,d\\ne\\nfg');
  });

  it('folds at 75 octets, never inside a UTF-8 sequence, continuation lines starting with one space', () => {
    const line = `SUMMARY:${'Møte på kontoret 🗓️ '.repeat(8)}`;
    const folded = fold(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const [index, part] of folded.entries()) {
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
      if (index > 0) expect(part.startsWith(' ')).toBe(true);
      expect(part).not.toContain('\uFFFD');
    }
    expect(folded.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
  });

  it('writes a calendar with CRLF lines, UTC times and all-day dates', () => {
    const text = writeIcs(
      [
        {
          uid: 'abc@x',
          subject: 'Plan, review; go',
          start: new Date('2026-03-02T09:30:00Z'),
          end: new Date('2026-03-02T10:00:00Z'),
          isAllDay: false,
          location: 'Oslo',
          organizer: 'alice@contoso.test',
          recurrenceId: undefined,
          status: 'CONFIRMED',
          transparent: false,
        },
        {
          uid: 'day@x',
          subject: 'Holiday',
          start: new Date('2026-03-02T23:00:00Z'),
          end: new Date('2026-03-03T23:00:00Z'),
          isAllDay: true,
          location: undefined,
          organizer: undefined,
          recurrenceId: undefined,
          status: 'CANCELLED',
          transparent: true,
        },
      ],
      {
        now: new Date('2026-03-01T00:00:00Z'),
        zone: 'Europe/Oslo',
        dateInZone: (date) => formatInZone(date, 'Europe/Oslo').slice(0, 10).replace(/-/g, ''),
      },
    );
    expect(text).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//ews-ts//@ews/cli//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'BEGIN:VEVENT',
        'UID:abc@x',
        'DTSTAMP:20260301T000000Z',
        'DTSTART:20260302T093000Z',
        'DTEND:20260302T100000Z',
        'SUMMARY:Plan\\, review\\; go',
        'LOCATION:Oslo',
        'ORGANIZER:mailto:alice@contoso.test',
        'STATUS:CONFIRMED',
        'TRANSP:OPAQUE',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:day@x',
        'DTSTAMP:20260301T000000Z',
        'DTSTART;VALUE=DATE:20260303',
        'DTEND;VALUE=DATE:20260304',
        'SUMMARY:Holiday',
        'STATUS:CANCELLED',
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });
});

describe('times and durations on the command line', () => {
  it('reads wall times in the zone, daylight saving included', () => {
    expect(parseTime('2026-03-02', 'Europe/Oslo', '--from').toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(parseTime('2026-07-02T09:30', 'Europe/Oslo', '--from').toISOString()).toBe(
      '2026-07-02T07:30:00.000Z',
    );
    expect(parseTime('2026-03-29T03:30', 'Europe/Oslo', '--from').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    ); // after the spring change
    expect(parseTime('2026-11-01T09:00', 'America/New_York', '--from').toISOString()).toBe(
      '2026-11-01T14:00:00.000Z',
    );
    expect(parseTime('2026-03-02T09:30:00+05:30', 'Europe/Oslo', '--from').toISOString()).toBe(
      '2026-03-02T04:00:00.000Z',
    );
    expect(parseTime('2026-03-02T09:30Z', 'Asia/Tokyo', '--from').toISOString()).toBe(
      '2026-03-02T09:30:00.000Z',
    );
    expect(formatInZone(new Date('2026-03-01T23:00:00Z'), 'Europe/Oslo')).toBe('2026-03-02 00:00');
  });

  it('refuses what it cannot read, never guessing', () => {
    for (const bad of ['tomorrow', '2026-02-30', '2026-03-02T25:00', '03/02/2026', '2026-03-02T09:30+5']) {
      expect(() => parseTime(bad, 'UTC', '--start')).toThrow(/--start/);
    }
  });

  it('durations: minutes, hours, both; 1 minute to 14 days', () => {
    expect([
      parseDuration('45', 'd'),
      parseDuration('45m', 'd'),
      parseDuration('1h', 'd'),
      parseDuration('1h30m', 'd'),
    ]).toEqual([45, 45, 60, 90]);
    for (const bad of ['0', '', 'h', '1.5h', '-5', '20161', 'PT1H'])
      expect(() => parseDuration(bad, '--duration')).toThrow(/--duration/);
  });
});
