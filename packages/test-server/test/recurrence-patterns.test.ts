import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const create = (subject: string, start: string, end: string, recurrence: string, zone = '') =>
  '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
  `<t:Subject>${subject}</t:Subject><t:Start>${start}</t:Start><t:End>${end}</t:End>` +
  `<t:Recurrence>${recurrence}</t:Recurrence>${zone}</t:CalendarItem></m:Items></m:CreateItem>`;
const view = (start: string, end: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
  `<m:CalendarView StartDate="${start}" EndDate="${end}"/>` +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';
const getItem = (idXml: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds>${idXml}</m:ItemIds></m:GetItem>`;

function occurrences(doc: XmlElement, subject: string): string[][] {
  return findAll(doc, 'CalendarItem')
    .filter((c) => first(c, 'Subject').text === subject)
    .map((c) => [first(c, 'Start').text, first(c, 'CalendarItemType').text]);
}

describe('monthly and yearly recurrences through CreateItem, CalendarView, GetItem, DeleteItem, UpdateItem', () => {
  let h: Harness;
  let monthlyId = '';
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('a RelativeMonthly series in W. Europe time keeps 09:00 local across the March DST change', async () => {
    const created = await h.call(
      'alice',
      create(
        'Steering group',
        '2026-02-02T08:00:00Z',
        '2026-02-02T09:00:00Z',
        '<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek>' +
          '<t:DayOfWeekIndex>First</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>' +
          '<t:NumberedRecurrence><t:StartDate>2026-02-01</t:StartDate><t:NumberOfOccurrences>6</t:NumberOfOccurrences></t:NumberedRecurrence>',
        '<t:StartTimeZone Id="W. Europe Standard Time"/>',
      ),
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    monthlyId = first(created.doc, 'ItemId').attrs.Id ?? '';
    const found = await h.call('alice', view('2026-02-01T00:00:00Z', '2026-06-01T00:00:00Z'));
    expect(occurrences(found.doc, 'Steering group')).toEqual([
      ['2026-02-02T08:00:00Z', 'Occurrence'],
      ['2026-03-02T08:00:00Z', 'Occurrence'],
      ['2026-04-06T07:00:00Z', 'Occurrence'],
      ['2026-05-04T07:00:00Z', 'Occurrence'],
    ]);

    const master = await h.call('alice', getItem(`<t:ItemId Id="${monthlyId}"/>`));
    const pattern = first(master.doc, 'RelativeMonthlyRecurrence');
    expect([
      texts(pattern, 'Interval'),
      texts(pattern, 'DaysOfWeek'),
      texts(pattern, 'DayOfWeekIndex'),
    ]).toEqual([['1'], ['Monday'], ['First']]);
    expect(first(master.doc, 'NumberOfOccurrences').text).toBe('6');
    expect(first(first(master.doc, 'FirstOccurrence'), 'Start').text).toBe('2026-02-02T08:00:00Z');
    expect(first(first(master.doc, 'LastOccurrence'), 'Start').text).toBe('2026-07-06T07:00:00Z');
  });

  it('deleting and moving occurrences of the monthly series (exceptions work as for weekly ones)', async () => {
    const deleted = await h.call(
      'alice',
      '<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds>' +
        `<t:OccurrenceItemId RecurringMasterId="${monthlyId}" InstanceIndex="2"/></m:ItemIds></m:DeleteItem>`,
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    const third = await h.call(
      'alice',
      getItem(`<t:OccurrenceItemId RecurringMasterId="${monthlyId}" InstanceIndex="3"/>`),
    );
    const thirdId = first(third.doc, 'ItemId').attrs;
    const moved = await h.call(
      'alice',
      '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges><t:ItemChange>' +
        `<t:ItemId Id="${thirdId.Id}" ChangeKey="${thirdId.ChangeKey}"/><t:Updates>` +
        '<t:SetItemField><t:FieldURI FieldURI="calendar:Start"/><t:CalendarItem><t:Start>2026-04-07T12:00:00Z</t:Start></t:CalendarItem></t:SetItemField>' +
        '<t:SetItemField><t:FieldURI FieldURI="calendar:End"/><t:CalendarItem><t:End>2026-04-07T13:00:00Z</t:End></t:CalendarItem></t:SetItemField>' +
        '</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>',
    );
    expect(texts(moved.doc, 'ResponseCode')).toEqual(['NoError']);
    const found = await h.call('alice', view('2026-02-01T00:00:00Z', '2026-06-01T00:00:00Z'));
    expect(occurrences(found.doc, 'Steering group')).toEqual([
      ['2026-02-02T08:00:00Z', 'Occurrence'],
      ['2026-04-07T12:00:00Z', 'Exception'],
      ['2026-05-04T07:00:00Z', 'Occurrence'],
    ]);
    const master = await h.call('alice', getItem(`<t:ItemId Id="${monthlyId}"/>`));
    expect(texts(first(master.doc, 'DeletedOccurrences'), 'Start')).toEqual(['2026-03-02T08:00:00Z']);
    expect(texts(first(master.doc, 'ModifiedOccurrences'), 'OriginalStart')).toEqual([
      '2026-04-06T07:00:00Z',
    ]);
  });

  it('AbsoluteMonthly with an end date, AbsoluteYearly and RelativeYearly without end', async () => {
    const monthly = await h.call(
      'bob',
      create(
        'Month end',
        '2026-01-31T15:00:00Z',
        '2026-01-31T15:30:00Z',
        '<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>31</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>' +
          '<t:EndDateRecurrence><t:StartDate>2026-01-31</t:StartDate><t:EndDate>2026-04-30</t:EndDate></t:EndDateRecurrence>',
      ),
    );
    expect(texts(monthly.doc, 'ResponseCode')).toEqual(['NoError']);
    const yearly = await h.call(
      'bob',
      create(
        'Anniversary',
        '2026-03-20T10:00:00Z',
        '2026-03-20T11:00:00Z',
        '<t:AbsoluteYearlyRecurrence><t:DayOfMonth>20</t:DayOfMonth><t:Month>March</t:Month></t:AbsoluteYearlyRecurrence>' +
          '<t:NoEndRecurrence><t:StartDate>2026-03-20</t:StartDate></t:NoEndRecurrence>',
      ),
    );
    expect(texts(yearly.doc, 'ResponseCode')).toEqual(['NoError']);
    const relativeYearly = await h.call(
      'bob',
      create(
        'Kickoff',
        '2026-09-07T07:00:00Z',
        '2026-09-07T08:00:00Z',
        '<t:RelativeYearlyRecurrence><t:DaysOfWeek>Monday</t:DaysOfWeek><t:DayOfWeekIndex>First</t:DayOfWeekIndex><t:Month>September</t:Month></t:RelativeYearlyRecurrence>' +
          '<t:NoEndRecurrence><t:StartDate>2026-09-01</t:StartDate></t:NoEndRecurrence>',
      ),
    );
    expect(texts(relativeYearly.doc, 'ResponseCode')).toEqual(['NoError']);

    const found = await h.call('bob', view('2026-01-01T00:00:00Z', '2027-12-31T00:00:00Z'));
    expect(occurrences(found.doc, 'Month end').map((o) => o[0])).toEqual([
      '2026-01-31T15:00:00Z',
      '2026-02-28T15:00:00Z',
      '2026-03-31T15:00:00Z',
      '2026-04-30T15:00:00Z',
    ]);
    expect(occurrences(found.doc, 'Anniversary').map((o) => o[0])).toEqual([
      '2026-03-20T10:00:00Z',
      '2027-03-20T10:00:00Z',
    ]);
    expect(occurrences(found.doc, 'Kickoff').map((o) => o[0])).toEqual([
      '2026-09-07T07:00:00Z',
      '2027-09-06T07:00:00Z',
    ]);
    const master = await h.call('bob', getItem(`<t:ItemId Id="${first(yearly.doc, 'ItemId').attrs.Id}"/>`));
    const pattern = first(master.doc, 'AbsoluteYearlyRecurrence');
    expect([first(pattern, 'DayOfMonth').text, first(pattern, 'Month').text]).toEqual(['20', 'March']);
    expect(findAll(master.doc, 'NoEndRecurrence')).toHaveLength(1);
    expect(findAll(master.doc, 'LastOccurrence')).toEqual([]);
  });

  it('refuses an impossible pattern', async () => {
    const bad = await h.call(
      'bob',
      create(
        'Bad',
        '2026-01-31T15:00:00Z',
        '2026-01-31T15:30:00Z',
        '<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>32</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>' +
          '<t:NoEndRecurrence><t:StartDate>2026-01-31</t:StartDate></t:NoEndRecurrence>',
      ),
    );
    expect(texts(bad.doc, 'ResponseCode')).toEqual(['ErrorCalendarInvalidRecurrence']);
  });
});
