import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const ATTENDEE =
  '<t:Attendee><t:Mailbox><t:EmailAddress>carol@contoso.test</t:EmailAddress></t:Mailbox></t:Attendee>';

const weekly = (days: string, range: string) =>
  `<t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>${days}</t:DaysOfWeek></t:WeeklyRecurrence>${range}</t:Recurrence>`;
const numbered = (start: string, count: number) =>
  `<t:NumberedRecurrence><t:StartDate>${start}</t:StartDate><t:NumberOfOccurrences>${count}</t:NumberOfOccurrences></t:NumberedRecurrence>`;
const endDate = (start: string, end: string) =>
  `<t:EndDateRecurrence><t:StartDate>${start}</t:StartDate><t:EndDate>${end}</t:EndDate></t:EndDateRecurrence>`;
const noEnd = (start: string) => `<t:NoEndRecurrence><t:StartDate>${start}</t:StartDate></t:NoEndRecurrence>`;

const setField = (uri: string, inner: string) =>
  `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:CalendarItem>${inner}</t:CalendarItem></t:SetItemField>`;
const deleteField = (uri: string) => `<t:DeleteItemField><t:FieldURI FieldURI="${uri}"/></t:DeleteItemField>`;

const update = (idEl: string, updates: string) =>
  '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToAllAndSaveCopy">' +
  `<m:ItemChanges><t:ItemChange>${idEl}<t:Updates>${updates}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;

const calendarView = (mailbox: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
  '<m:CalendarView StartDate="2026-04-01T00:00:00Z" EndDate="2026-05-01T00:00:00Z"/>' +
  `<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>${mailbox}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></m:ParentFolderIds></m:FindItem>`;

describe('UpdateItem on a recurring series (calendar:Recurrence, master Start/End)', () => {
  let h: Harness;
  let masterId = '';
  const master = () => `<t:ItemId Id="${masterId}"/>`;

  /** "start–end type" of every item in April's calendar view, in view order. */
  async function april(user: 'bob' | 'carol'): Promise<string[]> {
    const reply = await h.call(user, calendarView(`${user}@contoso.test`));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    return findAll(reply.doc, 'CalendarItem').map(
      (i) =>
        `${first(i, 'Start').text.slice(5, 16)}-${first(i, 'End').text.slice(11, 16)} ${first(i, 'CalendarItemType').text}`,
    );
  }

  async function changeSeries(updates: string): Promise<string[]> {
    const reply = await h.call('bob', update(master(), updates));
    return texts(reply.doc, 'ResponseCode');
  }

  async function masterXml() {
    const reply = await h.call(
      'bob',
      `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds>${master()}</m:ItemIds></m:GetItem>`,
    );
    return first(reply.doc, 'CalendarItem');
  }

  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
    const created = await h.call(
      'bob',
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId><m:Items>' +
        '<t:CalendarItem><t:Subject>Planning</t:Subject><t:Start>2026-04-06T10:00:00Z</t:Start><t:End>2026-04-06T10:30:00Z</t:End>' +
        `<t:RequiredAttendees>${ATTENDEE}</t:RequiredAttendees>${weekly('Monday Wednesday', numbered('2026-04-06', 6))}` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    );
    masterId = first(created.doc, 'ItemId').attrs.Id ?? '';
  });
  afterAll(async () => {
    await h.finish();
  });

  it('a range change keeps the modified and deleted occurrences still in the series', async () => {
    expect(await april('bob')).toEqual([
      '04-06T10:00-10:30 Occurrence',
      '04-08T10:00-10:30 Occurrence',
      '04-13T10:00-10:30 Occurrence',
      '04-15T10:00-10:30 Occurrence',
      '04-20T10:00-10:30 Occurrence',
      '04-22T10:00-10:30 Occurrence',
    ]);
    const moved = await h.call(
      'bob',
      update(
        `<t:OccurrenceItemId RecurringMasterId="${masterId}" InstanceIndex="2"/>`,
        setField('calendar:Start', '<t:Start>2026-04-08T11:00:00Z</t:Start>') +
          setField('calendar:End', '<t:End>2026-04-08T11:30:00Z</t:End>'),
      ),
    );
    expect(texts(moved.doc, 'ResponseCode')).toEqual(['NoError']);
    const deleted = await h.call(
      'bob',
      '<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendToAllAndSaveCopy"><m:ItemIds>' +
        `<t:OccurrenceItemId RecurringMasterId="${masterId}" InstanceIndex="3"/></m:ItemIds></m:DeleteItem>`,
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);

    expect(
      await changeSeries(
        setField('calendar:Recurrence', weekly('Monday Wednesday', numbered('2026-04-06', 4))),
      ),
    ).toEqual(['NoError']);
    const expected = [
      '04-06T10:00-10:30 Occurrence',
      '04-08T11:00-11:30 Exception',
      '04-15T10:00-10:30 Occurrence',
    ];
    expect(await april('bob')).toEqual(expected);
    expect(await april('carol')).toEqual(expected);
    const item = await masterXml();
    expect(findAll(first(item, 'ModifiedOccurrences'), 'Occurrence')).toHaveLength(1);
    expect(findAll(first(item, 'DeletedOccurrences'), 'DeletedOccurrence')).toHaveLength(1);
  });

  it('a pattern change regenerates every occurrence and drops the modified and deleted ones', async () => {
    expect(
      await changeSeries(
        setField(
          'calendar:Recurrence',
          `<t:Recurrence><t:DailyRecurrence><t:Interval>2</t:Interval></t:DailyRecurrence>${endDate('2026-04-06', '2026-04-12')}</t:Recurrence>`,
        ),
      ),
    ).toEqual(['NoError']);
    const expected = [
      '04-06T10:00-10:30 Occurrence',
      '04-08T10:00-10:30 Occurrence',
      '04-10T10:00-10:30 Occurrence',
      '04-12T10:00-10:30 Occurrence',
    ];
    expect(await april('bob')).toEqual(expected);
    expect(await april('carol')).toEqual(expected);
    const item = await masterXml();
    expect(findAll(item, 'ModifiedOccurrences')).toEqual([]);
    expect(findAll(item, 'DeletedOccurrences')).toEqual([]);
    expect(first(item, 'DailyRecurrence').children.map((c) => `${c.name}=${c.text}`)).toEqual(['Interval=2']);
  });

  it("moving the master's Start/End moves the whole series, its first day included", async () => {
    expect(
      await changeSeries(
        setField('calendar:Start', '<t:Start>2026-04-07T15:00:00Z</t:Start>') +
          setField('calendar:End', '<t:End>2026-04-07T15:45:00Z</t:End>'),
      ),
    ).toEqual(['NoError']);
    const expected = [
      '04-07T15:00-15:45 Occurrence',
      '04-09T15:00-15:45 Occurrence',
      '04-11T15:00-15:45 Occurrence',
    ];
    expect(await april('bob')).toEqual(expected);
    expect(await april('carol')).toEqual(expected);
    expect(first(first(await masterXml(), 'EndDateRecurrence'), 'StartDate').text).toMatch(/^2026-04-07/);
  });

  it("a pattern that misses the first day moves the master's Start to the first occurrence", async () => {
    expect(
      await changeSeries(setField('calendar:Recurrence', weekly('Friday', noEnd('2026-04-07')))),
    ).toEqual(['NoError']);
    const item = await masterXml();
    expect([first(item, 'Start').text, first(item, 'End').text]).toEqual([
      '2026-04-10T15:00:00Z',
      '2026-04-10T15:45:00Z',
    ]);
    expect(await april('bob')).toEqual([
      '04-10T15:00-15:45 Occurrence',
      '04-17T15:00-15:45 Occurrence',
      '04-24T15:00-15:45 Occurrence',
    ]);
  });

  it('refuses a recurrence without any occurrence and leaves the series as it was', async () => {
    expect(
      await changeSeries(
        setField('calendar:Recurrence', weekly('Monday', endDate('2026-04-14', '2026-04-15'))),
      ),
    ).toEqual(['ErrorRecurrenceHasNoOccurrence']);
    expect(await april('bob')).toHaveLength(3);
  });

  it('deleting calendar:Recurrence leaves a single item at the first occurrence; setting one makes a series again', async () => {
    expect(await changeSeries(deleteField('calendar:Recurrence'))).toEqual(['NoError']);
    expect(await april('bob')).toEqual(['04-10T15:00-15:45 Single']);
    expect(await april('carol')).toEqual(['04-10T15:00-15:45 Single']);
    const single = await masterXml();
    expect(findAll(single, 'Recurrence')).toEqual([]);
    expect(first(single, 'IsRecurring').text).toBe('false');

    expect(
      await changeSeries(setField('calendar:Recurrence', weekly('Friday', numbered('2026-04-17', 2)))),
    ).toEqual(['NoError']);
    expect(await april('bob')).toEqual(['04-17T15:00-15:45 Occurrence', '04-24T15:00-15:45 Occurrence']);
  });
});

describe('DeleteItemField calendar:Recurrence on a series whose Start the pattern does not include', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('leaves the single item at the first occurrence, not at the Start CreateItem was given', async () => {
    // Created on Tuesday 7 April with a Friday pattern: the occurrences are on Fridays, the Start stays Tuesday.
    const created = await h.call(
      'bob',
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId><m:Items>' +
        '<t:CalendarItem><t:Subject>Review</t:Subject><t:Start>2026-04-07T09:00:00Z</t:Start><t:End>2026-04-07T09:30:00Z</t:End>' +
        `<t:RequiredAttendees>${ATTENDEE}</t:RequiredAttendees>${weekly('Friday', numbered('2026-04-07', 3))}` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const view = async (user: 'bob' | 'carol') => {
      const reply = await h.call(user, calendarView(`${user}@contoso.test`));
      expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
      return findAll(reply.doc, 'CalendarItem').map(
        (i) =>
          `${first(i, 'Start').text.slice(5, 16)}-${first(i, 'End').text.slice(11, 16)} ${first(i, 'CalendarItemType').text}`,
      );
    };
    expect(await view('bob')).toEqual([
      '04-10T09:00-09:30 Occurrence',
      '04-17T09:00-09:30 Occurrence',
      '04-24T09:00-09:30 Occurrence',
    ]);

    const updated = await h.call('bob', update(`<t:ItemId Id="${id}"/>`, deleteField('calendar:Recurrence')));
    expect(texts(updated.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(await view('bob')).toEqual(['04-10T09:00-09:30 Single']);
    expect(await view('carol')).toEqual(['04-10T09:00-09:30 Single']);
    const master = h.server
      .snapshot()
      .mailbox('bob@contoso.test')
      .items.find((i) => i.subject === 'Review');
    expect([master?.calendar?.start.toISOString(), master?.calendar?.end.toISOString()]).toEqual([
      '2026-04-10T09:00:00.000Z',
      '2026-04-10T09:30:00.000Z',
    ]);
  });
});
