import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const createMeeting = (inner: string) =>
  '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
  `${inner}</t:CalendarItem></m:Items></m:CreateItem>`;
const getItem = (id: string, fields: readonly string[], base = 'IdOnly') =>
  `<m:GetItem><m:ItemShape><t:BaseShape>${base}</t:BaseShape>` +
  (fields.length === 0
    ? ''
    : `<t:AdditionalProperties>${fields.map((f) => `<t:FieldURI FieldURI="${f}"/>`).join('')}</t:AdditionalProperties>`) +
  `</m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const ZONES = ['calendar:Start', 'calendar:End', 'calendar:StartTimeZone', 'calendar:EndTimeZone'];

function periods(zoneEl: XmlElement): string[][] {
  return findAll(zoneEl, 'Period').map((p) => [p.attrs.Bias ?? '', p.attrs.Name ?? '']);
}

describe('item time zones: StartTimeZone, EndTimeZone and MeetingTimeZone are kept and returned', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  async function created(inner: string): Promise<string> {
    const reply = await h.call('alice', createMeeting(inner));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    return first(reply.doc, 'ItemId').attrs.Id ?? '';
  }

  it('returns the start and end zones with their Id, Name and full definition (Exchange 2010 SP1+)', async () => {
    const id = await created(
      '<t:Subject>Oslo to New York</t:Subject><t:Start>2026-06-01T07:00:00Z</t:Start>' +
        '<t:End>2026-06-01T16:00:00Z</t:End>' +
        '<t:StartTimeZone Id="W. Europe Standard Time"/><t:EndTimeZone Id="Eastern Standard Time"/>',
    );
    const got = await h.call('alice', getItem(id, [...ZONES, 'calendar:TimeZone']));
    const start = first(got.doc, 'StartTimeZone');
    const end = first(got.doc, 'EndTimeZone');
    expect(start.attrs).toMatchObject({
      Id: 'W. Europe Standard Time',
      Name: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    });
    expect(periods(start)).toEqual([
      ['-PT60M', 'Standard'],
      ['-PT120M', 'Daylight'],
    ]);
    const rules = findAll(start, 'RecurringDayTransition').map((t) => [
      first(t, 'To').text.replace(/^.*-/, ''),
      first(t, 'TimeOffset').text,
      first(t, 'Month').text,
      first(t, 'DayOfWeek').text,
      first(t, 'Occurrence').text,
    ]);
    expect(rules).toEqual([
      ['Daylight', 'PT120M', '3', 'Sunday', '-1'],
      ['Standard', 'PT180M', '10', 'Sunday', '-1'],
    ]);
    expect(texts(start, 'To').at(-1)).toBe('0');
    expect(end.attrs.Id).toBe('Eastern Standard Time');
    expect(periods(end)).toEqual([
      ['PT300M', 'Standard'],
      ['PT240M', 'Daylight'],
      ['PT300M', 'Standard'],
      ['PT240M', 'Daylight'],
    ]);
    // The 2007 US rules start on Jan 1 2007, as Windows' registry has them.
    expect(texts(end, 'DateTime')).toEqual(['2007-01-01T00:00:00']);
    expect(first(got.doc, 'TimeZone').text).toBe(
      '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    );
  });

  it('AllProperties includes StartTimeZone and EndTimeZone; the end zone defaults to the start zone', async () => {
    const id = await created(
      '<t:Subject>Tokyo</t:Subject><t:Start>2026-06-01T01:00:00Z</t:Start><t:End>2026-06-01T02:00:00Z</t:End>' +
        '<t:StartTimeZone Id="Tokyo Standard Time"/>',
    );
    const got = await h.call('alice', getItem(id, [], 'AllProperties'));
    expect(first(got.doc, 'StartTimeZone').attrs.Id).toBe('Tokyo Standard Time');
    expect(first(got.doc, 'EndTimeZone').attrs.Id).toBe('Tokyo Standard Time');
    expect(periods(first(got.doc, 'StartTimeZone'))).toEqual([['-PT540M', 'Standard']]);
    // The legacy and Exchange 2013 forms are answered only when asked for by name.
    expect(findAll(got.doc, 'MeetingTimeZone')).toEqual([]);
    expect(findAll(got.doc, 'StartTimeZoneId')).toEqual([]);
    const byName = await h.call(
      'alice',
      getItem(id, ['calendar:StartTimeZoneId', 'calendar:EndTimeZoneId', 'calendar:MeetingTimeZone']),
    );
    expect(texts(byName.doc, 'StartTimeZoneId')).toEqual(['Tokyo Standard Time']);
    expect(texts(byName.doc, 'EndTimeZoneId')).toEqual(['Tokyo Standard Time']);
    expect(first(byName.doc, 'MeetingTimeZone').attrs.TimeZoneName).toBe('Tokyo Standard Time');
    expect(texts(byName.doc, 'BaseOffset')).toEqual(['-PT9H']);
  });

  it('an item saved without a zone is in UTC', async () => {
    const id = await created(
      '<t:Subject>No zone</t:Subject><t:Start>2026-06-01T07:00:00Z</t:Start><t:End>2026-06-01T08:00:00Z</t:End>',
    );
    const got = await h.call('alice', getItem(id, ZONES));
    expect(first(got.doc, 'StartTimeZone').attrs.Id).toBe('UTC');
    expect(periods(first(got.doc, 'StartTimeZone'))).toEqual([['PT0M', 'Standard']]);
  });

  it('Exchange 2007 clients send MeetingTimeZone: it becomes the start zone, written back in TimeZoneType', async () => {
    const id = await created(
      '<t:Subject>Legacy</t:Subject><t:Start>2026-01-05T14:00:00Z</t:Start><t:End>2026-01-05T15:00:00Z</t:End>' +
        '<t:MeetingTimeZone TimeZoneName="Pacific Standard Time"/>',
    );
    const got = await h.call('alice', getItem(id, ['calendar:StartTimeZone', 'calendar:MeetingTimeZone']));
    expect(first(got.doc, 'StartTimeZone').attrs.Id).toBe('Pacific Standard Time');
    const legacy = first(got.doc, 'MeetingTimeZone');
    expect(texts(legacy, 'BaseOffset')).toEqual(['PT8H']);
    expect(texts(first(legacy, 'Daylight'), 'Offset')).toEqual(['-PT1H']);
    expect(texts(first(legacy, 'Daylight'), 'DayOfWeekIndex')).toEqual(['Second']);
    expect(texts(first(legacy, 'Daylight'), 'Month')).toEqual(['March']);
    expect(texts(first(legacy, 'Standard'), 'DayOfWeekIndex')).toEqual(['First']);
    expect(texts(first(legacy, 'Standard'), 'Time')).toEqual(['02:00:00']);
  });

  it('a zone the server does not know fails the item with ErrorTimeZone instead of saving it in UTC', async () => {
    for (const zone of [
      '<t:StartTimeZone Id="Nowhere Standard Time"/>',
      '<t:StartTimeZone Id="UTC"/><t:EndTimeZone Id="Europe/Oslo"/>',
      '<t:MeetingTimeZone TimeZoneName="Mars Standard Time"/>',
    ]) {
      const reply = await h.call(
        'alice',
        createMeeting(
          `<t:Subject>Bad zone</t:Subject><t:Start>2026-06-01T07:00:00Z</t:Start><t:End>2026-06-01T08:00:00Z</t:End>${zone}`,
        ),
      );
      expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorTimeZone']);
    }
  });

  it('an all-day event spans midnight to midnight in its StartTimeZone, not in UTC', async () => {
    // As exchangelib sends an EWSDate all-day event in Europe/Oslo: local midnights, written in UTC.
    const oslo = await created(
      '<t:Subject>Holiday</t:Subject><t:Start>2026-05-16T22:00:00Z</t:Start><t:End>2026-05-17T22:00:00Z</t:End>' +
        '<t:IsAllDayEvent>true</t:IsAllDayEvent>' +
        '<t:StartTimeZone Id="W. Europe Standard Time"/><t:EndTimeZone Id="W. Europe Standard Time"/>',
    );
    const kept = await h.call('alice', getItem(oslo, ZONES));
    expect([texts(kept.doc, 'Start'), texts(kept.doc, 'End')]).toEqual([
      ['2026-05-16T22:00:00Z'],
      ['2026-05-17T22:00:00Z'],
    ]);
    // Times inside the day are pushed out to the local midnights around them.
    const ny = await created(
      '<t:Subject>Offsite</t:Subject><t:Start>2026-01-10T15:00:00Z</t:Start><t:End>2026-01-11T15:00:00Z</t:End>' +
        '<t:IsAllDayEvent>true</t:IsAllDayEvent><t:StartTimeZone Id="Eastern Standard Time"/>',
    );
    const snapped = await h.call('alice', getItem(ny, ZONES));
    expect([texts(snapped.doc, 'Start'), texts(snapped.doc, 'End')]).toEqual([
      ['2026-01-10T05:00:00Z'],
      ['2026-01-12T05:00:00Z'],
    ]);
  });

  const update = (idXml: string, updates: string) =>
    '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone">' +
    `<m:ItemChanges><t:ItemChange>${idXml}<t:Updates>${updates}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;
  const set = (uri: string, value: string) =>
    `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:CalendarItem>${value}</t:CalendarItem></t:SetItemField>`;

  it('UpdateItem sets and deletes the zones; making an event all-day snaps it to midnights in its zone', async () => {
    const id = await created(
      '<t:Subject>Moving</t:Subject><t:Start>2026-06-01T10:00:00Z</t:Start><t:End>2026-06-01T11:00:00Z</t:End>' +
        '<t:StartTimeZone Id="UTC"/>',
    );
    const changed = await h.call(
      'alice',
      update(
        `<t:ItemId Id="${id}"/>`,
        set('calendar:StartTimeZone', '<t:StartTimeZone Id="Tokyo Standard Time"/>') +
          set('calendar:EndTimeZone', '<t:EndTimeZone Id="Romance Standard Time"/>') +
          set('calendar:IsAllDayEvent', '<t:IsAllDayEvent>true</t:IsAllDayEvent>'),
      ),
    );
    expect(texts(changed.doc, 'ResponseCode')).toEqual(['NoError']);
    const got = await h.call('alice', getItem(id, ZONES));
    expect(first(got.doc, 'StartTimeZone').attrs.Id).toBe('Tokyo Standard Time');
    expect(first(got.doc, 'EndTimeZone').attrs.Id).toBe('Romance Standard Time');
    // 10:00Z is 19:00 in Tokyo: the day began at 15:00Z the day before; 11:00Z is 13:00 in Paris.
    expect([texts(got.doc, 'Start'), texts(got.doc, 'End')]).toEqual([
      ['2026-05-31T15:00:00Z'],
      ['2026-06-01T22:00:00Z'],
    ]);
    const bad = await h.call(
      'alice',
      update(`<t:ItemId Id="${id}"/>`, set('calendar:StartTimeZone', '<t:StartTimeZone Id="Atlantis"/>')),
    );
    expect(texts(bad.doc, 'ResponseCode')).toEqual(['ErrorTimeZone']);
    const deleted = await h.call(
      'alice',
      update(
        `<t:ItemId Id="${id}"/>`,
        '<t:DeleteItemField><t:FieldURI FieldURI="calendar:EndTimeZone"/></t:DeleteItemField>',
      ),
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    const after = await h.call('alice', getItem(id, ZONES));
    expect(first(after.doc, 'EndTimeZone').attrs.Id).toBe('Tokyo Standard Time');
  });

  it("UpdateItem on one occurrence answers with that occurrence's ItemId, not the master's", async () => {
    const master = await created(
      '<t:Subject>Weekly</t:Subject><t:Start>2026-06-01T08:00:00Z</t:Start><t:End>2026-06-01T09:00:00Z</t:End>' +
        '<t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek>' +
        '</t:WeeklyRecurrence><t:NumberedRecurrence><t:StartDate>2026-06-01</t:StartDate>' +
        '<t:NumberOfOccurrences>4</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>',
    );
    const second = await h.call(
      'alice',
      `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds>` +
        `<t:OccurrenceItemId RecurringMasterId="${master}" InstanceIndex="2"/></m:ItemIds></m:GetItem>`,
    );
    const occurrenceId = first(second.doc, 'ItemId').attrs.Id ?? '';
    expect(occurrenceId).not.toBe(master);
    const changed = await h.call(
      'alice',
      update(`<t:ItemId Id="${occurrenceId}"/>`, set('item:Subject', '<t:Subject>Moved</t:Subject>')),
    );
    expect(texts(changed.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(changed.doc, 'ItemId').attrs.Id).toBe(occurrenceId);
  });
});
