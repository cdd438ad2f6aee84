import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// OccurrenceItemId / RecurringMasterItemId and the GlobalObjectIds Exchange derives from a meeting's UID.
// Expected values: Microsoft's EWS reference (ResponseCodeType, OccurrenceItemId, RecurringMasterItemId)
// and [MS-OXOCAL] 2.2.1.27 as exchangelib's UID vector writes it.

const CLASS_ID = '040000008200e00074c5b7101a82e008';
/** exchangelib's vector: UID('261cbc18-1f65-5a0a-bd11-23b1e224cc2f') (tools/vectors/exchangelib/misc.json). */
const VECTOR_UID = '261cbc18-1f65-5a0a-bd11-23b1e224cc2f';
const VECTOR_HEX =
  '040000008200e00074c5b7101a82e0080000000000000000000000000000000000000000310000007643616c2d5569640100000032363163626331382d316636352d356130612d626431312d32336231653232346363326600';

const meetingPath = (id: number) =>
  `<t:ExtendedFieldURI DistinguishedPropertySetId="Meeting" PropertyId="${id}" PropertyType="Binary"/>`;
const shape = (extra = '') =>
  `<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="calendar:UID"/>` +
  `<t:FieldURI FieldURI="calendar:Start"/><t:FieldURI FieldURI="calendar:CalendarItemType"/>${extra}</t:AdditionalProperties></m:ItemShape>`;
const biweekly = (start: string, count: number) =>
  `<t:Recurrence><t:WeeklyRecurrence><t:Interval>2</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek></t:WeeklyRecurrence>` +
  `<t:NumberedRecurrence><t:StartDate>${start}</t:StartDate><t:NumberOfOccurrences>${count}</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>`;
const create = (inner: string) =>
  '<m:CreateItem SendMeetingInvitations="SendToNone"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId>' +
  `<m:Items><t:CalendarItem>${inner}</t:CalendarItem></m:Items></m:CreateItem>`;
const getItem = (ids: string, extra = '') =>
  `<m:GetItem>${shape(extra)}<m:ItemIds>${ids}</m:ItemIds></m:GetItem>`;
const value = (item: ReturnType<typeof first>, id: number) =>
  findAll(item, 'ExtendedProperty')
    .filter((p) => first(p, 'ExtendedFieldURI').attrs.PropertyId === String(id))
    .map((p) => Buffer.from(first(p, 'Value').text, 'base64').toString('hex'));

describe('occurrences, series masters and GlobalObjectIds', () => {
  let h: Harness;
  let masterId = '';

  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
    const created = await h.call(
      'bob',
      create(
        `<t:Subject>Review</t:Subject><t:UID>${VECTOR_UID}</t:UID><t:Start>2026-04-06T09:00:00Z</t:Start>` +
          `<t:End>2026-04-06T10:00:00Z</t:End>${biweekly('2026-04-06', 5)}`,
      ),
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    masterId = first(created.doc, 'ItemId').attrs.Id ?? '';
  });
  afterAll(async () => {
    await h.finish();
  });

  it('keeps the UID given on CreateItem and derives both GlobalObjectIds from it', async () => {
    const reply = await h.call(
      'bob',
      getItem(`<t:ItemId Id="${masterId}"/>`, meetingPath(3) + meetingPath(35)),
    );
    const item = first(reply.doc, 'CalendarItem');
    expect(first(item, 'UID').text).toBe(VECTOR_UID);
    expect(value(item, 3)).toEqual([VECTOR_HEX]);
    expect(value(item, 35)).toEqual([VECTOR_HEX]);
  });

  it("an occurrence's GlobalObjectId carries its original date; the clean one does not", async () => {
    const reply = await h.call(
      'bob',
      getItem(
        `<t:OccurrenceItemId RecurringMasterId="${masterId}" InstanceIndex="2"/>`,
        meetingPath(3) + meetingPath(35),
      ),
    );
    const item = first(reply.doc, 'CalendarItem');
    expect(first(item, 'Start').text).toBe('2026-04-20T09:00:00Z');
    // YH YL M D = 2026-04-20 at bytes 16..19.
    expect(value(item, 3)).toEqual([`${VECTOR_HEX.slice(0, 32)}07ea0414${VECTOR_HEX.slice(40)}`]);
    expect(value(item, 35)).toEqual([VECTOR_HEX]);
  });

  it('a new meeting without a UID gets a well-formed one: the hex of its clean GlobalObjectId', async () => {
    const created = await h.call(
      'bob',
      create(
        '<t:Subject>Plain</t:Subject><t:Start>2026-04-07T09:00:00Z</t:Start><t:End>2026-04-07T10:00:00Z</t:End>',
      ),
    );
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const item = first(
      (await h.call('bob', getItem(`<t:ItemId Id="${id}"/>`, meetingPath(35)))).doc,
      'CalendarItem',
    );
    const uid = first(item, 'UID').text;
    const bytes = Buffer.from(uid, 'hex');
    expect(bytes.subarray(0, 16).toString('hex')).toBe(CLASS_ID);
    expect(bytes.readUInt32LE(36)).toBe(bytes.length - 40);
    expect(value(item, 35)).toEqual([uid.toLowerCase()]);
  });

  it('FindItem finds the meeting by an IsEqualTo restriction on the CleanGlobalObjectId', async () => {
    const restriction = (hex: string) =>
      `<m:Restriction><t:IsEqualTo>${meetingPath(35)}<t:FieldURIOrConstant><t:Constant Value="${Buffer.from(hex, 'hex').toString('base64')}"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>`;
    const find = (hex: string) =>
      h.call(
        'bob',
        `<m:FindItem Traversal="Shallow">${shape()}${restriction(hex)}<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>`,
      );
    const hit = await find(VECTOR_HEX);
    expect(findAll(hit.doc, 'CalendarItem').map((i) => first(i, 'ItemId').attrs.Id)).toEqual([masterId]);
    const miss = await find(VECTOR_HEX.replace(/6600$/, '6500'));
    expect(findAll(miss.doc, 'CalendarItem')).toHaveLength(0);
  });

  it('RecurringMasterItemId needs an occurrence or exception id; a master or single item id is refused', async () => {
    const occurrence = await h.call(
      'bob',
      getItem(`<t:OccurrenceItemId RecurringMasterId="${masterId}" InstanceIndex="3"/>`),
    );
    const occurrenceId = first(occurrence.doc, 'ItemId').attrs.Id ?? '';
    const reply = await h.call(
      'bob',
      getItem(
        `<t:RecurringMasterItemId OccurrenceId="${occurrenceId}"/><t:RecurringMasterItemId OccurrenceId="${masterId}"/>`,
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError', 'ErrorCalendarCannotUseIdForOccurrenceId']);
    expect(first(reply.doc, 'ItemId').attrs.Id).toBe(masterId);
  });

  it('an exception moved further than a week from its original start is still its occurrence', async () => {
    // Biweekly on Mondays: occurrence 3 (2026-05-04) moved 9 days earlier, still after occurrence 2 (04-20).
    const moved = await h.call(
      'bob',
      '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges><t:ItemChange>' +
        `<t:OccurrenceItemId RecurringMasterId="${masterId}" InstanceIndex="3"/><t:Updates>` +
        '<t:SetItemField><t:FieldURI FieldURI="calendar:Start"/><t:CalendarItem><t:Start>2026-04-25T09:00:00Z</t:Start></t:CalendarItem></t:SetItemField>' +
        '<t:SetItemField><t:FieldURI FieldURI="calendar:End"/><t:CalendarItem><t:End>2026-04-25T10:00:00Z</t:End></t:CalendarItem></t:SetItemField>' +
        '</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>',
    );
    expect(texts(moved.doc, 'ResponseCode')).toEqual(['NoError']);
    const reply = await h.call(
      'bob',
      getItem(`<t:OccurrenceItemId RecurringMasterId="${masterId}" InstanceIndex="3"/>`),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(reply.doc, 'Start').text).toBe('2026-04-25T09:00:00Z');
    expect(first(reply.doc, 'CalendarItemType').text).toBe('Exception');
    const byId = await h.call('bob', getItem(`<t:ItemId Id="${first(reply.doc, 'ItemId').attrs.Id}"/>`));
    expect(first(byId.doc, 'Start').text).toBe('2026-04-25T09:00:00Z');
  });

  it('opens occurrence 6000 of a daily series without end, by index and by its id', async () => {
    const created = await h.call(
      'bob',
      create(
        '<t:Subject>Daily</t:Subject><t:Start>2026-04-01T08:00:00Z</t:Start><t:End>2026-04-01T08:15:00Z</t:End>' +
          '<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>' +
          '<t:NoEndRecurrence><t:StartDate>2026-04-01</t:StartDate></t:NoEndRecurrence></t:Recurrence>',
      ),
    );
    const dailyId = first(created.doc, 'ItemId').attrs.Id ?? '';
    const reply = await h.call(
      'bob',
      getItem(`<t:OccurrenceItemId RecurringMasterId="${dailyId}" InstanceIndex="6000"/>`),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    // 5999 days after 2026-04-01 (UTC has no daylight saving).
    expect(first(reply.doc, 'Start').text).toBe('2042-09-03T08:00:00Z');
    const byId = await h.call('bob', getItem(`<t:ItemId Id="${first(reply.doc, 'ItemId').attrs.Id}"/>`));
    expect(first(byId.doc, 'Start').text).toBe('2042-09-03T08:00:00Z');
  });
});
