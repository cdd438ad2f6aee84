import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const getItem = (id: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

const setField = (uri: string, kind: string, inner: string) =>
  `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:${kind}>${inner}</t:${kind}></t:SetItemField>`;

const update = (
  id: string,
  changeKey: string | undefined,
  updates: string,
  attrs = 'ConflictResolution="AutoResolve"',
) =>
  `<m:UpdateItem ${attrs} SendMeetingInvitationsOrCancellations="SendToAllAndSaveCopy"><m:ItemChanges><t:ItemChange>` +
  `<t:ItemId Id="${id}"${changeKey ? ` ChangeKey="${changeKey}"` : ''}/><t:Updates>${updates}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;

const view = (mailbox: string, start: string, end: string) =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:CalendarView StartDate="${start}" EndDate="${end}"/>` +
  `<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>${mailbox}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></m:ParentFolderIds></m:FindItem>`;

describe('UpdateItem', () => {
  let h: Harness;
  let meetingId = '';
  let changeKey = '';
  beforeAll(async () => {
    h = await startHarness();
    const created = await h.call(
      'bob',
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId><m:Items>' +
        '<t:CalendarItem><t:Subject>Retro</t:Subject><t:Start>2026-04-27T13:00:00Z</t:Start><t:End>2026-04-27T14:00:00Z</t:End>' +
        '<t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>carol@contoso.test</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees>' +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    );
    const id = first(created.doc, 'ItemId').attrs;
    meetingId = id.Id ?? '';
    changeKey = id.ChangeKey ?? '';
  });
  afterAll(async () => {
    await h.finish();
  });

  it('sets fields, returns a new change key and updates the attendee copies', async () => {
    const reply = await h.call(
      'bob',
      update(
        meetingId,
        changeKey,
        setField('item:Subject', 'CalendarItem', '<t:Subject>Sprint retro</t:Subject>') +
          setField('calendar:Location', 'CalendarItem', '<t:Location>Paris (8)</t:Location>') +
          setField('calendar:Start', 'CalendarItem', '<t:Start>2026-04-27T15:00:00Z</t:Start>') +
          setField('calendar:End', 'CalendarItem', '<t:End>2026-04-27T16:00:00Z</t:End>'),
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(reply.doc, 'Count').text).toBe('0');
    const newKey = first(reply.doc, 'ItemId').attrs.ChangeKey ?? '';
    expect(newKey).not.toBe(changeKey);
    const after = await h.call('bob', getItem(meetingId));
    expect([
      first(after.doc, 'Subject').text,
      first(after.doc, 'Location').text,
      first(after.doc, 'Start').text,
    ]).toEqual(['Sprint retro', 'Paris (8)', '2026-04-27T15:00:00Z']);
    const carol = await h.call(
      'carol',
      view('carol@contoso.test', '2026-04-27T00:00:00Z', '2026-04-28T00:00:00Z'),
    );
    expect(texts(carol.doc, 'Subject')).toEqual(['Sprint retro']);
    expect(texts(carol.doc, 'Start')).toEqual(['2026-04-27T15:00:00Z']);

    // The old change key is now stale.
    const stale = await h.call(
      'bob',
      update(meetingId, changeKey, setField('item:Subject', 'CalendarItem', '<t:Subject>x</t:Subject>')),
    );
    expect(texts(stale.doc, 'ResponseCode')).toEqual(['ErrorIrresolvableConflict']);
    const overwrite = await h.call(
      'bob',
      update(
        meetingId,
        changeKey,
        setField('item:Subject', 'CalendarItem', '<t:Subject>Forced</t:Subject>'),
        'ConflictResolution="AlwaysOverwrite"',
      ),
    );
    expect(texts(overwrite.doc, 'ResponseCode')).toEqual(['NoError']);
    changeKey = first(overwrite.doc, 'ItemId').attrs.ChangeKey ?? '';
  });

  it('rejects a change that leaves End before Start, without changing anything', async () => {
    const reply = await h.call(
      'bob',
      update(
        meetingId,
        changeKey,
        setField('calendar:End', 'CalendarItem', '<t:End>2026-04-27T10:00:00Z</t:End>'),
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorCalendarEndDateIsEarlierThanStartDate']);
    const after = await h.call('bob', getItem(meetingId));
    expect(first(after.doc, 'End').text).toBe('2026-04-27T16:00:00Z');
    expect(first(after.doc, 'ItemId').attrs.ChangeKey).toBe(changeKey);
    const unknown = await h.call(
      'bob',
      update(meetingId, undefined, setField('calendar:UID', 'CalendarItem', '<t:UID>x</t:UID>')),
    );
    expect(texts(unknown.doc, 'ResponseCode')).toEqual(['ErrorInvalidPropertySet']);
  });

  it('changing one occurrence of a series makes an exception', async () => {
    const standups = await h.call(
      'alice',
      view('alice@contoso.test', '2026-03-17T00:00:00Z', '2026-03-18T00:00:00Z'),
    );
    const occurrence = findAll(standups.doc, 'CalendarItem').find(
      (i) => first(i, 'Subject').text === 'Team standup',
    );
    const occurrenceId = occurrence && first(occurrence, 'ItemId').attrs.Id;
    const reply = await h.call(
      'alice',
      update(
        occurrenceId ?? '',
        undefined,
        setField('calendar:Start', 'CalendarItem', '<t:Start>2026-03-17T11:00:00Z</t:Start>') +
          setField('calendar:End', 'CalendarItem', '<t:End>2026-03-17T11:15:00Z</t:End>'),
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    const again = await h.call(
      'alice',
      view('alice@contoso.test', '2026-03-17T00:00:00Z', '2026-03-18T00:00:00Z'),
    );
    const moved = findAll(again.doc, 'CalendarItem').filter(
      (i) => first(i, 'Subject').text === 'Team standup',
    );
    expect(moved.map((i) => [first(i, 'Start').text, first(i, 'CalendarItemType').text])).toEqual([
      ['2026-03-17T11:00:00Z', 'Exception'],
    ]);
    // Attendees see the moved occurrence too.
    const bob = await h.call('bob', view('bob@contoso.test', '2026-03-17T00:00:00Z', '2026-03-18T00:00:00Z'));
    const bobStandup = findAll(bob.doc, 'CalendarItem').filter(
      (i) => first(i, 'Subject').text === 'Team standup',
    );
    expect(bobStandup.map((i) => first(i, 'Start').text)).toEqual(['2026-03-17T11:00:00Z']);
  });

  it('marks a message read and completes a task', async () => {
    const inbox = await h.call(
      'dave',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="1" Offset="0" BasePoint="Beginning"/>' +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>',
    );
    const message = first(inbox.doc, 'ItemId').attrs;
    await h.call(
      'dave',
      update(
        message.Id ?? '',
        message.ChangeKey,
        setField('message:IsRead', 'Message', '<t:IsRead>false</t:IsRead>'),
      ),
    );
    const unread = await h.call('dave', getItem(message.Id ?? ''));
    expect(first(unread.doc, 'IsRead').text).toBe('false');

    const tasks = await h.call(
      'dave',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="task:Status"/>' +
        '<t:FieldURIOrConstant><t:Constant Value="NotStarted"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction><m:ParentFolderIds><t:DistinguishedFolderId Id="tasks"/></m:ParentFolderIds></m:FindItem>',
    );
    const task = first(tasks.doc, 'ItemId').attrs;
    await h.call(
      'dave',
      update(
        task.Id ?? '',
        task.ChangeKey,
        setField('task:Status', 'Task', '<t:Status>Completed</t:Status>'),
      ),
    );
    const done = await h.call('dave', getItem(task.Id ?? ''));
    expect([
      first(done.doc, 'Status').text,
      first(done.doc, 'PercentComplete').text,
      first(done.doc, 'IsComplete').text,
    ]).toEqual(['Completed', '100', 'true']);
  });
});
