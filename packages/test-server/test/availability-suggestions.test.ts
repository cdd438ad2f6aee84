import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// GetUserAvailability beyond one view: suggestions (SuggestionsViewOptions), per-mailbox working
// hours, Exchange's 100-mailbox limit. Requests and answers are schema-checked in finish().

const UTC_ZONE =
  '<t:TimeZone><t:Bias>0</t:Bias><t:StandardTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>1</t:DayOrder><t:Month>0</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime>' +
  '<t:DaylightTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>1</t:DayOrder><t:Month>0</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>';
const mailboxData = (addresses: readonly string[]) =>
  `<m:MailboxDataArray>${addresses
    .map(
      (a) =>
        `<t:MailboxData><t:Email><t:Address>${a}</t:Address></t:Email><t:AttendeeType>Required</t:AttendeeType></t:MailboxData>`,
    )
    .join('')}</m:MailboxDataArray>`;
const freeBusy = (start: string, end: string) =>
  `<t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>${start}</t:StartTime><t:EndTime>${end}</t:EndTime></t:TimeWindow><t:RequestedView>FreeBusy</t:RequestedView></t:FreeBusyViewOptions>`;
const suggestions = (start: string, end: string, extra = '') =>
  `<t:SuggestionsViewOptions>${extra}<t:DetailedSuggestionsWindow><t:StartTime>${start}</t:StartTime><t:EndTime>${end}</t:EndTime></t:DetailedSuggestionsWindow></t:SuggestionsViewOptions>`;

describe('GetUserAvailability: suggestions, working hours, limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('answers suggestions alone: one day result per day, in working hours, one conflict entry per attendee', async () => {
    const reply = await h.call(
      'alice',
      `<m:GetUserAvailabilityRequest>${UTC_ZONE}${mailboxData(['alice@contoso.test', 'nobody@contoso.test'])}` +
        `${suggestions('2026-03-02T00:00:00', '2026-03-04T00:00:00', '<t:MaximumResultsByDay>48</t:MaximumResultsByDay><t:MeetingDurationInMinutes>30</t:MeetingDurationInMinutes><t:MinimumSuggestionQuality>Poor</t:MinimumSuggestionQuality>')}</m:GetUserAvailabilityRequest>`,
    );
    expect(findAll(reply.doc, 'FreeBusyResponseArray')).toEqual([]);
    expect(texts(first(reply.doc, 'SuggestionsResponse'), 'ResponseCode')).toEqual(['NoError']);
    const days = findAll(reply.doc, 'SuggestionDayResult');
    expect(days.map((d) => texts(d, 'Date')[0])).toEqual(['2026-03-02T00:00:00', '2026-03-03T00:00:00']);
    for (const day of days) {
      const times = texts(day, 'MeetingTime');
      // 08:00-17:00 in half hours for a 30-minute meeting: 18 starts.
      expect(times).toHaveLength(18);
      expect(times[0]).toMatch(/T08:00:00$/);
      expect(times.at(-1)).toMatch(/T16:30:00$/);
      for (const suggestion of findAll(day, 'Suggestion')) {
        const conflicts = first(suggestion, 'AttendeeConflictDataArray').children.map((c) => c.name);
        expect(conflicts).toEqual(['IndividualAttendeeConflictData', 'UnknownAttendeeConflictData']);
      }
    }
  });

  it('refuses suggestion options outside their documented ranges in the SuggestionsResponse', async () => {
    const reply = await h.call(
      'alice',
      `<m:GetUserAvailabilityRequest>${UTC_ZONE}${mailboxData(['alice@contoso.test'])}` +
        `${suggestions('2026-03-02T00:00:00', '2026-03-03T00:00:00', '<t:GoodThreshold>50</t:GoodThreshold>')}</m:GetUserAvailabilityRequest>`,
    );
    expect(texts(first(reply.doc, 'SuggestionsResponse'), 'ResponseCode')).toEqual(['ErrorInvalidRequest']);
  });

  it("writes a mailbox's own working-hours zone (Tokyo: UTC+9, 09:00-18:00)", async () => {
    const reply = await h.call(
      'alice',
      `<m:GetUserAvailabilityRequest>${UTC_ZONE}${mailboxData(['room.tokyo@contoso.test'])}${freeBusy('2026-03-02T00:00:00', '2026-03-03T00:00:00')}</m:GetUserAvailabilityRequest>`,
    );
    const hours = first(reply.doc, 'WorkingHours');
    expect(texts(first(hours, 'TimeZone'), 'Bias')[0]).toBe('-540');
    expect(texts(hours, 'StartTimeInMinutes')).toEqual(['540']);
    expect(texts(hours, 'EndTimeInMinutes')).toEqual(['1080']);
  });

  it('refuses more than 100 mailboxes with ErrorMailboxDataArrayTooBig', async () => {
    const addresses = Array.from({ length: 101 }, () => 'alice@contoso.test');
    const reply = await h.call(
      'alice',
      `<m:GetUserAvailabilityRequest>${UTC_ZONE}${mailboxData(addresses)}${freeBusy('2026-03-02T00:00:00', '2026-03-03T00:00:00')}</m:GetUserAvailabilityRequest>`,
      { validateRequest: false },
    );
    expect(reply.body).toContain('ErrorMailboxDataArrayTooBig');
  });
});
