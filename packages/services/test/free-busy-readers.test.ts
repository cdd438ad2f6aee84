import { EwsProtocolError } from '@ews/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readGetUserAvailability, type WorkingHours, workingIntervals } from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { decodeMergedFreeBusy } from '../src/operations/merged-free-busy.js';

// The MergedFreeBusy and WorkingHours readers, judged against Microsoft's MergedFreeBusy
// reference (one digit per interval of the TimeWindow: 0 Free, 1 Tentative, 2 Busy, 3 OOF,
// 4 No data; 5 WorkingElsewhere) and t:WorkingHours (periods in the mailbox's own zone).

const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';
const NAMES = ['Free', 'Tentative', 'Busy', 'OOF', 'NoData', 'WorkingElsewhere'];

describe('decodeMergedFreeBusy', () => {
  it('reads Microsoft\'s example: OOF 60 minutes, busy 90, free 90 in 60-minute intervals is "3220"', () => {
    const start = new Date('2026-01-30T12:00:00Z');
    const slots = decodeMergedFreeBusy('3220', start, new Date('2026-01-30T16:00:00Z'), 60);
    expect(slots.map((s) => s.busyType)).toEqual(['OOF', 'Busy', 'Busy', 'Free']);
    expect(slots[3]?.end).toEqual(new Date('2026-01-30T16:00:00Z'));
  });

  it('property: every digit string covering the window decodes to contiguous slots of its digits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 1440 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 59 }),
        (interval, digits, shortenBy) => {
          const start = new Date('2026-03-01T00:00:00Z');
          const cut = Math.min(shortenBy, interval - 1);
          const end = new Date(start.getTime() + (digits.length * interval - cut) * 60_000);
          const slots = decodeMergedFreeBusy(digits.join(''), start, end, interval);
          expect(slots.map((s) => s.busyType)).toEqual(digits.map((d) => NAMES[d]));
          slots.forEach((slot, i) => {
            expect(slot.start.getTime()).toBe(start.getTime() + i * interval * 60_000);
            if (i > 0) expect(slot.start).toEqual(slots[i - 1]?.end);
          });
          expect(slots.at(-1)?.end).toEqual(end);
        },
      ),
    );
  });

  it('property: a string with another character, or not covering the window, is refused (EWS_PROTOCOL)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 50 }).filter((s) => /[^0-5]/.test(s)),
        (text) => {
          const start = new Date('2026-03-01T00:00:00Z');
          const end = new Date(start.getTime() + text.length * 30 * 60_000);
          expect(() => decodeMergedFreeBusy(text, start, end, 30)).toThrow(EwsProtocolError);
        },
      ),
    );
    const start = new Date('2026-03-01T00:00:00Z');
    const end = new Date('2026-03-01T04:00:00Z');
    expect(() => decodeMergedFreeBusy('000', start, end, 60)).toThrow(
      'MergedFreeBusy of 3 intervals for a window of 4',
    );
    expect(() => decodeMergedFreeBusy('00000', start, end, 60)).toThrow(EwsProtocolError);
  });
});

// Central Europe: UTC+1, summer (UTC+2) from the last Sunday of March 02:00 to the last Sunday of October 03:00.
const CET: WorkingHours['timeZone'] = {
  bias: -60,
  standardTime: { bias: 0, time: '03:00:00', dayOrder: 5, month: 10, dayOfWeek: 'Sunday' },
  daylightTime: { bias: -60, time: '02:00:00', dayOrder: 5, month: 3, dayOfWeek: 'Sunday' },
};
const NINE_TO_FIVE: WorkingHours = {
  timeZone: CET,
  periods: [
    { days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], startMinutes: 540, endMinutes: 1020 },
  ],
};

describe('workingIntervals', () => {
  it('keeps 09:00 local across the daylight-saving change (UTC 08:00 in winter, 07:00 in summer)', () => {
    const week = workingIntervals(
      NINE_TO_FIVE,
      new Date('2026-03-23T00:00:00Z'),
      new Date('2026-04-04T00:00:00Z'),
    );
    // Mon 23 … Fri 27 March (winter), Mon 30 March … Fri 3 April (summer, from 29 March).
    expect(week.map((i) => i.start.toISOString())).toEqual([
      ...['23', '24', '25', '26', '27'].map((d) => `2026-03-${d}T08:00:00.000Z`),
      '2026-03-30T07:00:00.000Z',
      ...['31'].map((d) => `2026-03-${d}T07:00:00.000Z`),
      ...['01', '02', '03'].map((d) => `2026-04-${d}T07:00:00.000Z`),
    ]);
  });

  it('property: intervals are sorted, disjoint, inside the window, on working days, 8 hours or clipped', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2030-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 14 * 24 * 60 }),
        (start, minutes) => {
          const end = new Date(start.getTime() + minutes * 60_000);
          const intervals = workingIntervals(NINE_TO_FIVE, start, end);
          intervals.forEach((interval, i) => {
            expect(interval.start.getTime()).toBeGreaterThanOrEqual(start.getTime());
            expect(interval.end.getTime()).toBeLessThanOrEqual(end.getTime());
            expect(interval.start.getTime()).toBeLessThan(interval.end.getTime());
            expect(interval.end.getTime() - interval.start.getTime()).toBeLessThanOrEqual(8 * 3_600_000);
            if (i > 0) expect(interval.start.getTime()).toBeGreaterThan(intervals[i - 1]?.end.getTime() ?? 0);
            // Local (UTC+1 or +2) weekday is Monday to Friday.
            const local = new Date(interval.start.getTime() + 60 * 60_000);
            expect([1, 2, 3, 4, 5]).toContain(local.getUTCDay());
          });
        },
      ),
    );
  });
});

describe('the WorkingHours reader', () => {
  const answer = (hours: string) =>
    decodeResponseText(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
        `<m:GetUserAvailabilityResponse ${M} ${T}><m:FreeBusyResponseArray><m:FreeBusyResponse>` +
        '<m:ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:ResponseMessage>' +
        `<m:FreeBusyView><t:FreeBusyViewType>FreeBusy</t:FreeBusyViewType>${hours}</m:FreeBusyView>` +
        '</m:FreeBusyResponse></m:FreeBusyResponseArray></m:GetUserAvailabilityResponse></s:Body></s:Envelope>',
      'GetUserAvailability',
    );
  const zone =
    '<t:TimeZone><t:Bias>-60</t:Bias><t:StandardTime><t:Bias>0</t:Bias><t:Time>03:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>10</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime>' +
    '<t:DaylightTime><t:Bias>-60</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>';
  const period = (days: string, start: number, end: number) =>
    `<t:WorkingHours>${zone}<t:WorkingPeriodArray><t:WorkingPeriod><t:DayOfWeek>${days}</t:DayOfWeek><t:StartTimeInMinutes>${start}</t:StartTimeInMinutes><t:EndTimeInMinutes>${end}</t:EndTimeInMinutes></t:WorkingPeriod></t:WorkingPeriodArray></t:WorkingHours>`;
  const read = (hours: string) => {
    const params = {
      mailboxes: [{ address: 'anne@contoso.test' }],
      start: new Date('2026-03-02T00:00:00Z'),
      end: new Date('2026-03-03T00:00:00Z'),
      view: 'FreeBusy' as const,
    };
    const [outcome] = readGetUserAvailability(answer(hours), params).freeBusy ?? [];
    if (!outcome?.ok) throw outcome?.error ?? new Error('no outcome');
    return outcome.value.workingHours;
  };

  it('reads the zone and the periods, day groups spelled out', () => {
    expect(read(period('Weekday Saturday', 540, 1020))).toEqual({
      timeZone: CET,
      periods: [
        {
          days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
          startMinutes: 540,
          endMinutes: 1020,
        },
      ],
    });
  });

  it.each([
    ['a day name outside t:DayOfWeekType', period('Funday', 540, 1020)],
    ['a start after the end', period('Monday', 1020, 540)],
    ['an end past midnight', period('Monday', 540, 1441)],
    ['a negative start', period('Monday', -1, 540)],
    ['no zone', period('Monday', 540, 1020).replace(zone, '')],
    ['a month 13', period('Monday', 540, 1020).replace('<t:Month>10</t:Month>', '<t:Month>13</t:Month>')],
  ])('fails the mailbox on %s (EWS_PROTOCOL), never a guessed schedule', (_, hours) => {
    expect(() => read(hours)).toThrow(EwsProtocolError);
  });
});
