import { fileURLToPath } from 'node:url';
import { EwsProtocolError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { textConversionsIn } from '../../../tools/text-conversions.mjs';
import { readGetUserAvailability } from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { readGetInboxRules } from '../src/mailbox/inbox-rules.js';

// Dates and numbers in answers are read by @ews/models' strict kinds (dateTime, int, enumKind…):
// a value with a field out of range is EWS_PROTOCOL, never another day. The last block keeps it
// so: a new hand-made conversion (`new Date(text)`, `Number(text)`…) in the source fails here.

const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

function availability(event: string) {
  const xml =
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
    `<m:GetUserAvailabilityResponse ${M} ${T}><m:FreeBusyResponseArray><m:FreeBusyResponse>` +
    '<m:ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:ResponseMessage>' +
    '<m:FreeBusyView><t:FreeBusyViewType>Detailed</t:FreeBusyViewType>' +
    `<t:CalendarEventArray><t:CalendarEvent>${event}</t:CalendarEvent></t:CalendarEventArray></m:FreeBusyView>` +
    '</m:FreeBusyResponse></m:FreeBusyResponseArray></m:GetUserAvailabilityResponse></s:Body></s:Envelope>';
  const response = decodeResponseText(xml, 'GetUserAvailability');
  const params = {
    mailboxes: [{ address: 'anne@contoso.test' }],
    start: new Date('2026-04-30T00:00:00Z'),
    end: new Date('2026-05-01T00:00:00Z'),
    view: 'Detailed' as const,
  };
  // A broken view fails its mailbox alone: the thunk throws that mailbox's error.
  return () => {
    const [outcome] = readGetUserAvailability(response, params).freeBusy ?? [];
    if (!outcome?.ok) throw outcome?.error ?? new Error('no outcome');
    return outcome.value.events[0];
  };
}
const event = (start: string, end = '2026-04-30T10:00:00', busy = 'Busy') =>
  `<t:StartTime>${start}</t:StartTime><t:EndTime>${end}</t:EndTime><t:BusyType>${busy}</t:BusyType>`;

describe('GetUserAvailability reads its times and busy types strictly', () => {
  it('reads a zone-less time as UTC (the request asked for UTC) and an offset as the instant it names', () => {
    expect(availability(event('2026-04-30T09:30:00'))()).toMatchObject({
      start: new Date('2026-04-30T09:30:00Z'),
      end: new Date('2026-04-30T10:00:00Z'),
      busyType: 'Busy',
    });
    expect(availability(event('2026-04-30T11:30:00+02:00'))()?.start).toEqual(
      new Date('2026-04-30T09:30:00Z'),
    );
  });

  it.each([
    ['April 31st', '2026-04-31T09:30:00'],
    ['February 30th', '2024-02-30T10:00:00Z'],
    ['hour 25', '2026-04-30T25:00:00'],
    ['not a date', 'tomorrow'],
    ['empty', ''],
  ])('refuses an impossible StartTime (%s) with EWS_PROTOCOL instead of reading another day', (_, start) => {
    // Before, `new Date(text)` read 2026-04-31 as May 1st and 'tomorrow' as an Invalid Date.
    expect(availability(event(start))).toThrow(EwsProtocolError);
    expect(availability(event(start))).toThrow('CalendarEvent.StartTime: expected an xs:dateTime');
  });

  it('refuses an event without its required StartTime, EndTime or BusyType', () => {
    const whole = event('2026-04-30T09:30:00');
    for (const name of ['StartTime', 'EndTime', 'BusyType']) {
      const without = whole.replace(new RegExp(`<t:${name}>[^<]*</t:${name}>`), '');
      expect(availability(without)).toThrow(`GetUserAvailability answered a CalendarEvent without ${name}`);
    }
  });

  it('refuses a busy type t:LegacyFreeBusyType does not name (before: cast and returned)', () => {
    expect(availability(event('2026-04-30T09:30:00', '2026-04-30T10:00:00', 'Sleeping'))).toThrow(
      "CalendarEvent.BusyType: 'Sleeping' is not a LegacyFreeBusyType value",
    );
  });
});

describe("GetInboxRules reads a rule's importance as t:ImportanceChoicesType", () => {
  const rules = (importance: string) =>
    decodeResponseText(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
        `<m:GetInboxRulesResponse ${M} ${T} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
        '<m:OutlookRuleBlobExists>false</m:OutlookRuleBlobExists><m:InboxRules><t:Rule><t:RuleId>r1</t:RuleId>' +
        '<t:DisplayName>Flag</t:DisplayName><t:Priority>1</t:Priority><t:IsEnabled>true</t:IsEnabled>' +
        `<t:Actions><t:MarkImportance>${importance}</t:MarkImportance></t:Actions></t:Rule></m:InboxRules>` +
        '</m:GetInboxRulesResponse></s:Body></s:Envelope>',
      'GetInboxRules',
    );

  it('reads a known importance', () => {
    expect(readGetInboxRules(rules('High')).rules[0]?.actions?.markImportance).toBe('High');
  });

  it('refuses another value (before: returned as a RuleImportance it is not)', () => {
    expect(() => readGetInboxRules(rules('Urgent'))).toThrow(
      "Rule.Actions.MarkImportance: 'Urgent' is not a ImportanceChoicesType value",
    );
  });
});

/**
 * The hand-made conversions the source keeps on purpose, each with why it is not server text.
 * Everything else must read answers with a strict kind (@ews/models) or a core check.
 */
const KEPT: Readonly<Record<string, string>> = {
  'operations/working-hours.ts: new Date(ms)':
    'epoch milliseconds computed from Dates (free/busy slots, working hours)',
  'account/calendar-view.ts: new Date(window.end)': 'epoch milliseconds the view computed from Dates',
  'account/calendar-view.ts: new Date(window.start)': 'epoch milliseconds the view computed from Dates',
};

describe('no reader turns server text into a Date or number by hand', () => {
  it('every `new Date(…)`, `Date.parse`, `Number(…)`, `parseInt`, `parseFloat` and unary `+` is listed', () => {
    const found = textConversionsIn(fileURLToPath(new URL('../src/', import.meta.url)));
    expect(
      found.filter((entry) => !(entry in KEPT)),
      'read server text with @ews/models kinds (dateTime, int, decimal, enumKind…) instead',
    ).toEqual([]);
    expect(Object.keys(KEPT).filter((entry) => !found.includes(entry))).toEqual([]);
  });
});
