import { describe, expect, it } from 'vitest';
import { parseXml } from '../xml/xml-tree.js';
import { localToUtc, parseLegacyTimeZone, UTC_ZONE, utcToLocal } from './legacy-time-zone.js';

// Eastern: UTC-5, DST (UTC-4) from the 2nd Sunday of March 02:00 to the 1st Sunday of November 02:00.
const EASTERN = parseLegacyTimeZone(
  parseXml(
    '<TimeZone><Bias>300</Bias><StandardTime><Bias>0</Bias><Time>02:00:00</Time><DayOrder>1</DayOrder><Month>11</Month><DayOfWeek>Sunday</DayOfWeek></StandardTime>' +
      '<DaylightTime><Bias>-60</Bias><Time>02:00:00</Time><DayOrder>2</DayOrder><Month>3</Month><DayOfWeek>Sunday</DayOfWeek></DaylightTime></TimeZone>',
  ),
);

describe('legacy (SerializableTimeZone) conversions', () => {
  it('applies standard and daylight bias on the right side of the 2026 transitions', () => {
    // DST 2026 starts Sunday March 8 and ends Sunday November 1.
    expect(localToUtc(EASTERN, '2026-03-07T12:00:00').toISOString()).toBe('2026-03-07T17:00:00.000Z');
    expect(localToUtc(EASTERN, '2026-03-09T12:00:00').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(localToUtc(EASTERN, '2026-11-02T12:00:00').toISOString()).toBe('2026-11-02T17:00:00.000Z');
    expect(utcToLocal(EASTERN, new Date('2026-07-01T16:00:00Z'))).toBe('2026-07-01T12:00:00');
    expect(utcToLocal(EASTERN, new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-01T12:00:00');
  });

  it('keeps explicit offsets and treats a missing zone as UTC', () => {
    expect(localToUtc(EASTERN, '2026-07-01T12:00:00Z').toISOString()).toBe('2026-07-01T12:00:00.000Z');
    expect(localToUtc(UTC_ZONE, '2026-07-01T12:00:00').toISOString()).toBe('2026-07-01T12:00:00.000Z');
    expect(utcToLocal(parseLegacyTimeZone(undefined), new Date('2026-07-01T12:00:00Z'))).toBe(
      '2026-07-01T12:00:00',
    );
  });
});
