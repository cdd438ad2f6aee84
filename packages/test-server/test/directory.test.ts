import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const availability = (addresses: string[], view: string, start: string, end: string, timeZone = '') =>
  `<m:GetUserAvailabilityRequest>${timeZone}<m:MailboxDataArray>${addresses
    .map(
      (a) =>
        `<t:MailboxData><t:Email><t:Address>${a}</t:Address></t:Email><t:AttendeeType>Required</t:AttendeeType></t:MailboxData>`,
    )
    .join(
      '',
    )}</m:MailboxDataArray><t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>${start}</t:StartTime><t:EndTime>${end}</t:EndTime></t:TimeWindow>` +
  `<t:MergedFreeBusyIntervalInMinutes>30</t:MergedFreeBusyIntervalInMinutes><t:RequestedView>${view}</t:RequestedView></t:FreeBusyViewOptions></m:GetUserAvailabilityRequest>`;

const UTC_ZONE =
  '<t:TimeZone><t:Bias>0</t:Bias><t:StandardTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>0</t:DayOrder><t:Month>0</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime>' +
  '<t:DaylightTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>0</t:DayOrder><t:Month>0</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>';
// W. Europe: UTC+1, summer UTC+2 from the last Sunday of March 02:00 to the last Sunday of October 03:00.
const BERLIN_ZONE =
  '<t:TimeZone><t:Bias>-60</t:Bias><t:StandardTime><t:Bias>0</t:Bias><t:Time>03:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>10</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime>' +
  '<t:DaylightTime><t:Bias>-60</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>';

describe('rooms, names and availability', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('GetRoomLists and GetRooms list the three rooms of "All Rooms"', async () => {
    const lists = await h.call('alice', '<m:GetRoomLists/>');
    expect(first(lists.doc, 'GetRoomListsResponse').attrs.ResponseClass).toBe('Success');
    expect(texts(lists.doc, 'Name')).toEqual(['All Rooms']);
    expect(texts(lists.doc, 'EmailAddress')).toEqual(['rooms@contoso.test']);
    const rooms = await h.call(
      'alice',
      '<m:GetRooms><m:RoomList><t:EmailAddress>rooms@contoso.test</t:EmailAddress></m:RoomList></m:GetRooms>',
    );
    expect(texts(rooms.doc, 'EmailAddress')).toEqual([
      'room.oslo@contoso.test',
      'room.paris@contoso.test',
      'room.tokyo@contoso.test',
    ]);
    const unknown = await h.call(
      'alice',
      '<m:GetRooms><m:RoomList><t:EmailAddress>nope@contoso.test</t:EmailAddress></m:RoomList></m:GetRooms>',
    );
    expect(texts(unknown.doc, 'ResponseCode')).toEqual(['ErrorNameResolutionNoResults']);
  });

  it('ResolveNames: unique, ambiguous (Warning), none, with contact data', async () => {
    const unique = await h.call(
      'alice',
      '<m:ResolveNames ReturnFullContactData="true"><m:UnresolvedEntry>carol</m:UnresolvedEntry></m:ResolveNames>',
    );
    expect(first(unique.doc, 'ResolveNamesResponseMessage').attrs.ResponseClass).toBe('Success');
    expect(texts(first(unique.doc, 'Mailbox'), 'EmailAddress')).toEqual(['carol@contoso.test']);
    expect(first(unique.doc, 'JobTitle').text).toBe('Software Engineer');
    const ambiguous = await h.call(
      'alice',
      '<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>room</m:UnresolvedEntry></m:ResolveNames>',
    );
    expect(first(ambiguous.doc, 'ResolveNamesResponseMessage').attrs.ResponseClass).toBe('Warning');
    expect(texts(ambiguous.doc, 'ResponseCode')).toEqual(['ErrorNameResolutionMultipleResults']);
    expect(findAll(ambiguous.doc, 'Resolution')).toHaveLength(3);
    const contact = await h.call(
      'alice',
      '<m:ResolveNames ReturnFullContactData="false" SearchScope="Contacts"><m:UnresolvedEntry>Nora</m:UnresolvedEntry></m:ResolveNames>',
    );
    expect(texts(contact.doc, 'MailboxType')).toEqual(['Contact']);
    const none = await h.call(
      'alice',
      '<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>zzz</m:UnresolvedEntry></m:ResolveNames>',
    );
    expect(texts(none.doc, 'ResponseCode')).toEqual(['ErrorNameResolutionNoResults']);
  });

  it('GetUserAvailability: merged string and events match the calendar; details only with access', async () => {
    // Alice's standup on Wednesday 2026-03-11 09:30-09:45 UTC.
    const mine = await h.call(
      'alice',
      availability(
        ['alice@contoso.test'],
        'DetailedMerged',
        '2026-03-11T09:00:00',
        '2026-03-11T10:00:00',
        UTC_ZONE,
      ),
    );
    expect(first(mine.doc, 'FreeBusyViewType').text).toBe('DetailedMerged');
    expect(first(mine.doc, 'MergedFreeBusy').text).toBe('02');
    const standup = findAll(mine.doc, 'CalendarEvent').find(
      (e) => findAll(e, 'Subject')[0]?.text === 'Team standup',
    );
    expect(standup && first(standup, 'StartTime').text).toBe('2026-03-11T09:30:00');

    const other = await h.call(
      'bob',
      availability(
        ['alice@contoso.test', 'nobody@contoso.test'],
        'Detailed',
        '2026-03-11T09:00:00',
        '2026-03-11T10:00:00',
        UTC_ZONE,
      ),
    );
    expect(texts(other.doc, 'FreeBusyViewType')).toEqual(['FreeBusy']);
    expect(findAll(other.doc, 'CalendarEventDetails')).toHaveLength(0);
    expect(texts(other.doc, 'ResponseCode')).toEqual(['NoError', 'ErrorMailRecipientNotFound']);

    // The same instant in Berlin local time (UTC+1 in March before DST).
    const berlin = await h.call(
      'alice',
      availability(
        ['alice@contoso.test'],
        'FreeBusy',
        '2026-03-11T10:00:00',
        '2026-03-11T11:00:00',
        BERLIN_ZONE,
      ),
    );
    expect(texts(berlin.doc, 'StartTime')).toContain('2026-03-11T10:30:00');

    const empty = await h.call(
      'alice',
      availability([], 'FreeBusy', '2026-03-11T10:00:00', '2026-03-11T11:00:00'),
      { validateRequest: false },
    );
    expect(empty.status).toBe(500);
    expect(first(empty.doc, 'ResponseCode').text).toBe('ErrorMailboxDataArrayEmpty');
  });

  it('seeded meetings booked rooms, visible in room availability', async () => {
    const rooms = ['room.oslo@contoso.test', 'room.paris@contoso.test', 'room.tokyo@contoso.test'];
    const reply = await h.call(
      'alice',
      availability(rooms, 'FreeBusy', '2026-03-02T00:00:00', '2026-03-28T00:00:00', UTC_ZONE),
    );
    const perRoom = findAll(reply.doc, 'FreeBusyResponse').map((r) => findAll(r, 'CalendarEvent').length);
    expect(perRoom.reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    // Rooms never hold two bookings at once.
    for (const response of findAll(reply.doc, 'FreeBusyResponse')) {
      const events = findAll(response, 'CalendarEvent').map(
        (e) => [first(e, 'StartTime').text, first(e, 'EndTime').text] as const,
      );
      for (let i = 1; i < events.length; i++) expect(events[i]![0] >= events[i - 1]![1]).toBe(true);
    }
  });

  it('GetServerTimeZones returns full definitions', async () => {
    const reply = await h.call(
      'alice',
      '<m:GetServerTimeZones ReturnFullTimeZoneData="true"><m:Ids><t:Id>W. Europe Standard Time</t:Id></m:Ids></m:GetServerTimeZones>',
    );
    expect(findAll(reply.doc, 'Period').map((p) => p.attrs.Bias)).toEqual(['-PT60M', '-PT120M']);
    expect(texts(reply.doc, 'Occurrence')).toEqual(['-1', '-1']);
  });
});
