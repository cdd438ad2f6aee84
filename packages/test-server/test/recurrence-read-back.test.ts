import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first, type Harness, startHarness, texts } from './support/harness.js';

const create = (start: string, end: string, recurrence: string, zone = '') =>
  '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
  `<t:Subject>Series</t:Subject><t:Start>${start}</t:Start><t:End>${end}</t:End>` +
  `<t:Recurrence>${recurrence}</t:Recurrence>${zone}</t:CalendarItem></m:Items></m:CreateItem>`;
const getRecurrence = (id: string) =>
  '<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="calendar:Recurrence"/><t:FieldURI FieldURI="calendar:Start"/>' +
  `</t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const view = (start: string, end: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="calendar:Start"/></t:AdditionalProperties></m:ItemShape>' +
  `<m:CalendarView StartDate="${start}" EndDate="${end}"/>` +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';
const weekly = (days: string, interval: number, firstDay?: string) =>
  `<t:WeeklyRecurrence><t:Interval>${interval}</t:Interval><t:DaysOfWeek>${days}</t:DaysOfWeek>` +
  (firstDay === undefined ? '' : `<t:FirstDayOfWeek>${firstDay}</t:FirstDayOfWeek>`) +
  '</t:WeeklyRecurrence>';

describe('recurrence read-back keeps what was sent (RecurrenceType, WeeklyRecurrence)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  async function createdId(start: string, end: string, recurrence: string, zone = ''): Promise<string> {
    const reply = await h.call('alice', create(start, end, recurrence, zone));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    return first(reply.doc, 'ItemId').attrs.Id ?? '';
  }

  it('WeeklyRecurrence keeps FirstDayOfWeek', async () => {
    const id = await createdId(
      '2026-06-01T08:00:00Z',
      '2026-06-01T09:00:00Z',
      weekly('Monday Wednesday', 1, 'Monday') +
        '<t:NumberedRecurrence><t:StartDate>2026-06-01</t:StartDate><t:NumberOfOccurrences>4</t:NumberOfOccurrences></t:NumberedRecurrence>',
    );
    const got = await h.call('alice', getRecurrence(id));
    expect(texts(got.doc, 'FirstDayOfWeek')).toEqual(['Monday']);
    expect(texts(got.doc, 'DaysOfWeek')).toEqual(['Monday Wednesday']);
    await h.call(
      'alice',
      `<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`,
    );
  });

  it('FirstDayOfWeek decides which weeks an every-other-week series falls in', async () => {
    // Starting Sunday 2026-06-07, every 2nd week on Sunday and Monday. Weeks from Monday: Sunday the 7th
    // ends one week, so Monday the 8th is in the next (skipped) one; weeks from Sunday hold both days.
    const fromMonday = await createdId(
      '2026-06-07T08:00:00Z',
      '2026-06-07T09:00:00Z',
      weekly('Sunday Monday', 2, 'Monday') +
        '<t:NumberedRecurrence><t:StartDate>2026-06-07</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence>',
    );
    const found = await h.call('alice', view('2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z'));
    expect(texts(found.doc, 'Start')).toEqual([
      '2026-06-07T08:00:00Z',
      '2026-06-15T08:00:00Z',
      '2026-06-21T08:00:00Z',
    ]);
    await h.call(
      'alice',
      `<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds><t:ItemId Id="${fromMonday}"/></m:ItemIds></m:DeleteItem>`,
    );
  });

  it('numbered, end-date and no-end ranges keep StartDate as sent (with the zone offset Exchange adds), even when the first occurrence is later', async () => {
    // 2026-06-02 is a Tuesday: the first Friday occurrence is the 5th, but StartDate stays the 2nd.
    for (const range of [
      '<t:NumberedRecurrence><t:StartDate>2026-06-02</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence>',
      '<t:EndDateRecurrence><t:StartDate>2026-06-02</t:StartDate><t:EndDate>2026-06-30</t:EndDate></t:EndDateRecurrence>',
      '<t:NoEndRecurrence><t:StartDate>2026-06-02</t:StartDate></t:NoEndRecurrence>',
    ]) {
      const id = await createdId('2026-06-02T08:00:00Z', '2026-06-02T09:00:00Z', weekly('Friday', 1) + range);
      const got = await h.call('alice', getRecurrence(id));
      expect(texts(got.doc, 'StartDate')).toEqual(['2026-06-02+00:00']);
      // Exchange moves the master's Start to the first occurrence.
      expect(texts(got.doc, 'Start')).toEqual(['2026-06-05T08:00:00Z']);
      await h.call(
        'alice',
        `<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`,
      );
    }
  });

  it('a bare date reads back with the offset of the series zone on that day; a sent designator is kept', async () => {
    const id = await createdId(
      '2026-07-03T07:00:00Z',
      '2026-07-03T08:00:00Z',
      weekly('Friday', 1) +
        '<t:EndDateRecurrence><t:StartDate>2026-07-03</t:StartDate><t:EndDate>2026-12-25</t:EndDate></t:EndDateRecurrence>',
      '<t:StartTimeZone Id="W. Europe Standard Time"/>',
    );
    const got = await h.call('alice', getRecurrence(id));
    expect([texts(got.doc, 'StartDate'), texts(got.doc, 'EndDate')]).toEqual([
      ['2026-07-03+02:00'],
      ['2026-12-25+01:00'],
    ]);
  });

  it('a StartDate or EndDate sent with a zone designator reads back with it', async () => {
    const id = await createdId(
      '2026-06-05T08:00:00Z',
      '2026-06-05T09:00:00Z',
      weekly('Friday', 1) +
        '<t:EndDateRecurrence><t:StartDate>2026-06-05+02:00</t:StartDate><t:EndDate>2026-06-26Z</t:EndDate></t:EndDateRecurrence>',
    );
    const got = await h.call('alice', getRecurrence(id));
    expect([texts(got.doc, 'StartDate'), texts(got.doc, 'EndDate')]).toEqual([
      ['2026-06-05+02:00'],
      ['2026-06-26Z'],
    ]);
  });

  it('a task keeps its Recurrence: regenerating patterns and calendar ones (TaskRecurrenceType)', async () => {
    for (const [pattern, name] of [
      ['<t:DailyRegeneration><t:Interval>3</t:Interval></t:DailyRegeneration>', 'DailyRegeneration'],
      ['<t:YearlyRegeneration><t:Interval>1</t:Interval></t:YearlyRegeneration>', 'YearlyRegeneration'],
      [weekly('Tuesday Thursday', 2), 'WeeklyRecurrence'],
    ] as const) {
      const reply = await h.call(
        'alice',
        '<m:CreateItem><m:Items><t:Task><t:Subject>Water the plants</t:Subject>' +
          `<t:Recurrence>${pattern}<t:NumberedRecurrence><t:StartDate>2026-06-02</t:StartDate>` +
          '<t:NumberOfOccurrences>5</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>' +
          '</t:Task></m:Items></m:CreateItem>',
      );
      expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
      const id = first(reply.doc, 'ItemId').attrs.Id ?? '';
      const got = await h.call(
        'alice',
        `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
      );
      const recurrence = first(got.doc, 'Recurrence');
      expect(recurrence.children.map((c) => c.name)).toEqual([name, 'NumberedRecurrence']);
      expect(texts(recurrence, 'NumberOfOccurrences')).toEqual(['5']);
      expect(texts(recurrence, 'StartDate')).toEqual(['2026-06-02+00:00']);
    }
    const bad = await h.call(
      'alice',
      '<m:CreateItem><m:Items><t:Task><t:Subject>Bad</t:Subject><t:Recurrence>' +
        '<t:WeeklyRegeneration><t:Interval>0</t:Interval></t:WeeklyRegeneration>' +
        '<t:NoEndRecurrence><t:StartDate>2026-06-02</t:StartDate></t:NoEndRecurrence></t:Recurrence>' +
        '</t:Task></m:Items></m:CreateItem>',
    );
    expect(texts(bad.doc, 'ResponseCode')).toEqual(['ErrorCalendarInvalidRecurrence']);
  });

  it("UpdateItem sets and deletes a task's Recurrence (SetItemField / DeleteItemField task:Recurrence)", async () => {
    const created = await h.call(
      'alice',
      '<m:CreateItem><m:Items><t:Task><t:Subject>Report</t:Subject></t:Task></m:Items></m:CreateItem>',
    );
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const update = (change: string) =>
      h.call(
        'alice',
        '<m:UpdateItem ConflictResolution="AlwaysOverwrite"><m:ItemChanges><t:ItemChange>' +
          `<t:ItemId Id="${id}"/><t:Updates>${change}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`,
      );
    const recurrenceOf = async () => {
      const got = await h.call(
        'alice',
        '<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
          '<t:FieldURI FieldURI="task:Recurrence"/></t:AdditionalProperties></m:ItemShape>' +
          `<m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
      );
      return got.doc;
    };
    const set = await update(
      '<t:SetItemField><t:FieldURI FieldURI="task:Recurrence"/><t:Task><t:Recurrence>' +
        '<t:WeeklyRegeneration><t:Interval>2</t:Interval></t:WeeklyRegeneration>' +
        '<t:NoEndRecurrence><t:StartDate>2026-07-01</t:StartDate></t:NoEndRecurrence>' +
        '</t:Recurrence></t:Task></t:SetItemField>',
    );
    expect(texts(set.doc, 'ResponseCode')).toEqual(['NoError']);
    const recurrence = first(await recurrenceOf(), 'Recurrence');
    expect(recurrence.children.map((c) => c.name)).toEqual(['WeeklyRegeneration', 'NoEndRecurrence']);
    expect(texts(recurrence, 'Interval')).toEqual(['2']);
    const removed = await update(
      '<t:DeleteItemField><t:FieldURI FieldURI="task:Recurrence"/></t:DeleteItemField>',
    );
    expect(texts(removed.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(texts(await recurrenceOf(), 'Recurrence')).toEqual([]);
  });
});
