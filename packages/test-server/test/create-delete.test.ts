import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const attendee = (address: string) =>
  `<t:Attendee><t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox></t:Attendee>`;

function meeting(
  subject: string,
  start: string,
  end: string,
  room?: string,
  required: string[] = [],
): string {
  return (
    `<t:CalendarItem><t:Subject>${subject}</t:Subject><t:Body BodyType="Text">Agenda</t:Body>` +
    `<t:Start>${start}</t:Start><t:End>${end}</t:End>` +
    (room ? `<t:Location>${room}</t:Location>` : '') +
    (required.length ? `<t:RequiredAttendees>${required.map(attendee).join('')}</t:RequiredAttendees>` : '') +
    (room ? `<t:Resources>${attendee(room)}</t:Resources>` : '') +
    '</t:CalendarItem>'
  );
}

const createCalendarItem = (send: string, items: string) =>
  `<m:CreateItem SendMeetingInvitations="${send}"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId><m:Items>${items}</m:Items></m:CreateItem>`;

const view = (mailbox: string, start: string, end: string) =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:CalendarView StartDate="${start}" EndDate="${end}"/>` +
  `<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>${mailbox}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></m:ParentFolderIds></m:FindItem>`;

const getItem = (id: string, base = 'Default') =>
  `<m:GetItem><m:ItemShape><t:BaseShape>${base}</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

function resourceResponses(doc: XmlElement): string[] {
  return findAll(first(doc, 'Resources'), 'ResponseType').map((e) => e.text);
}

describe('CreateItem and DeleteItem', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('books a free room (auto-accept) and declines a conflicting booking', async () => {
    const room = 'room.oslo@contoso.test';
    const first1 = await h.call(
      'bob',
      createCalendarItem(
        'SendToAllAndSaveCopy',
        meeting('Planning', '2026-04-20T08:00:00Z', '2026-04-20T09:00:00Z', room, ['carol@contoso.test']),
      ),
    );
    expect(texts(first1.doc, 'ResponseCode')).toEqual(['NoError']);
    const id = first(first1.doc, 'ItemId').attrs.Id ?? '';
    const organizerCopy = await h.call('bob', getItem(id));
    expect(resourceResponses(organizerCopy.doc)).toEqual(['Accept']);
    expect(first(organizerCopy.doc, 'MyResponseType').text).toBe('Organizer');
    expect(first(organizerCopy.doc, 'MeetingRequestWasSent').text).toBe('true');

    // The room's and the attendee's calendars now hold the meeting (the service account can read the room).
    const roomView = await h.call('ews.service', view(room, '2026-04-20T00:00:00Z', '2026-04-21T00:00:00Z'));
    expect(texts(roomView.doc, 'Subject')).toEqual(['Planning']);
    const carolView = await h.call(
      'carol',
      view('carol@contoso.test', '2026-04-20T00:00:00Z', '2026-04-21T00:00:00Z'),
    );
    expect(texts(carolView.doc, 'Subject')).toEqual(['Planning']);
    expect(texts(carolView.doc, 'MyResponseType')).toEqual(['NoResponseReceived']);

    const clash = await h.call(
      'dave',
      createCalendarItem(
        'SendToAllAndSaveCopy',
        meeting('Clash', '2026-04-20T08:30:00Z', '2026-04-20T09:30:00Z', room),
      ),
    );
    const clashCopy = await h.call('dave', getItem(first(clash.doc, 'ItemId').attrs.Id ?? ''));
    expect(resourceResponses(clashCopy.doc)).toEqual(['Decline']);
    const roomAfter = await h.call('ews.service', view(room, '2026-04-20T00:00:00Z', '2026-04-21T00:00:00Z'));
    expect(texts(roomAfter.doc, 'Subject')).toEqual(['Planning']);
  });

  it('SendToNone saves only the organizer copy', async () => {
    const reply = await h.call(
      'bob',
      createCalendarItem(
        'SendToNone',
        meeting('Quiet', '2026-04-21T08:00:00Z', '2026-04-21T09:00:00Z', 'room.paris@contoso.test'),
      ),
    );
    const copy = await h.call('bob', getItem(first(reply.doc, 'ItemId').attrs.Id ?? ''));
    expect(resourceResponses(copy.doc)).toEqual(['Unknown']);
    const roomView = await h.call(
      'ews.service',
      view('room.paris@contoso.test', '2026-04-21T00:00:00Z', '2026-04-22T00:00:00Z'),
    );
    expect(findAll(roomView.doc, 'CalendarItem')).toHaveLength(0);
  });

  it('creates recurring items and deletes a single occurrence (new change key, DeletedOccurrences)', async () => {
    const recurring =
      '<t:CalendarItem><t:Subject>Weekly sync</t:Subject><t:Start>2026-05-04T14:00:00Z</t:Start><t:End>2026-05-04T14:30:00Z</t:End>' +
      '<t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek></t:WeeklyRecurrence>' +
      '<t:NumberedRecurrence><t:StartDate>2026-05-04Z</t:StartDate><t:NumberOfOccurrences>4</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence></t:CalendarItem>';
    const created = await h.call('erin', createCalendarItem('SendToNone', recurring), { name: 'recurring' });
    const master = first(created.doc, 'ItemId').attrs;
    const occurrences = await h.call(
      'erin',
      view('erin@contoso.test', '2026-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    );
    const weekly = findAll(occurrences.doc, 'CalendarItem').filter(
      (i) => first(i, 'Subject').text === 'Weekly sync',
    );
    expect(weekly.map((i) => first(i, 'Start').text)).toEqual([
      '2026-05-04T14:00:00Z',
      '2026-05-11T14:00:00Z',
      '2026-05-18T14:00:00Z',
      '2026-05-25T14:00:00Z',
    ]);
    const second = first(weekly[1]!, 'ItemId').attrs.Id;
    const deleted = await h.call(
      'erin',
      `<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendToNone"><m:ItemIds><t:ItemId Id="${second}"/></m:ItemIds></m:DeleteItem>`,
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    const after = await h.call('erin', getItem(master.Id ?? ''));
    expect(first(after.doc, 'ItemId').attrs.ChangeKey).not.toBe(master.ChangeKey);
    expect(texts(first(after.doc, 'DeletedOccurrences'), 'Start')).toEqual(['2026-05-11T14:00:00Z']);
    const again = await h.call(
      'erin',
      view('erin@contoso.test', '2026-05-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    );
    expect(
      findAll(again.doc, 'CalendarItem').filter((i) => first(i, 'Subject').text === 'Weekly sync'),
    ).toHaveLength(3);

    const hard = await h.call(
      'erin',
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${master.Id}"/></m:ItemIds></m:DeleteItem>`,
    );
    expect(texts(hard.doc, 'ResponseCode')).toEqual(['NoError']);
    const gone = await h.call('erin', getItem(master.Id ?? ''));
    expect(texts(gone.doc, 'ResponseCode')).toEqual(['ErrorItemNotFound']);
  });

  it('cancelling a meeting marks the attendee copies cancelled', async () => {
    const created = await h.call(
      'frank',
      createCalendarItem(
        'SendToAllAndSaveCopy',
        meeting('Pipeline review', '2026-04-22T10:00:00Z', '2026-04-22T11:00:00Z', undefined, [
          'henry@contoso.test',
        ]),
      ),
    );
    const id = first(created.doc, 'ItemId').attrs.Id;
    await h.call(
      'frank',
      `<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendToAllAndSaveCopy"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`,
    );
    const henry = await h.call(
      'ews.service',
      view('henry@contoso.test', '2026-04-22T00:00:00Z', '2026-04-23T00:00:00Z'),
      {
        impersonate: 'henry@contoso.test',
      },
    );
    expect(texts(henry.doc, 'Subject')).toEqual(['Canceled: Pipeline review']);
    expect(texts(henry.doc, 'IsCancelled')).toEqual(['true']);
  });

  it('refuses items in the wrong folder and reversed times', async () => {
    const wrongFolder = await h.call(
      'bob',
      `<m:CreateItem SendMeetingInvitations="SendToNone"><m:SavedItemFolderId><t:DistinguishedFolderId Id="inbox"/></m:SavedItemFolderId><m:Items>${meeting('x', '2026-04-20T08:00:00Z', '2026-04-20T09:00:00Z')}</m:Items></m:CreateItem>`,
    );
    expect(texts(wrongFolder.doc, 'ResponseCode')).toEqual([
      'ErrorCannotCreateCalendarItemInNonCalendarFolder',
    ]);
    const reversed = await h.call(
      'bob',
      createCalendarItem('SendToNone', meeting('y', '2026-04-20T09:00:00Z', '2026-04-20T08:00:00Z')),
    );
    expect(texts(reversed.doc, 'ResponseCode')).toEqual(['ErrorCalendarEndDateIsEarlierThanStartDate']);
  });

  it('messages: SaveOnly lands in Drafts; SendAndSaveCopy returns no item, fills Sent Items and the recipient inbox', async () => {
    const message = (subject: string) =>
      `<t:Message><t:Subject>${subject}</t:Subject><t:Body BodyType="HTML">&lt;p&gt;Hello&lt;/p&gt;</t:Body>` +
      '<t:ToRecipients><t:Mailbox><t:EmailAddress>carol@contoso.test</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message>';
    const draft = await h.call(
      'bob',
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items>${message('Draft note')}</m:Items></m:CreateItem>`,
    );
    const draftId = first(draft.doc, 'ItemId').attrs.Id ?? '';
    const stored = await h.call('bob', getItem(draftId, 'AllProperties'));
    expect(first(first(stored.doc, 'Message'), 'Body').text).toBe('<p>Hello</p>');
    const drafts = await h.call(
      'bob',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ParentFolderIds><t:DistinguishedFolderId Id="drafts"/></m:ParentFolderIds></m:FindItem>',
    );
    expect(texts(drafts.doc, 'Subject')).toEqual(['Draft note']);

    const sent = await h.call(
      'bob',
      `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:SavedItemFolderId><t:DistinguishedFolderId Id="sentitems"/></m:SavedItemFolderId><m:Items>${message('Sent note')}</m:Items></m:CreateItem>`,
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(findAll(sent.doc, 'ItemId')).toHaveLength(0);
    const restriction =
      '<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="item:Subject"/><t:FieldURIOrConstant><t:Constant Value="sent note"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>';
    const find = (folder: string) =>
      `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>${restriction}<m:ParentFolderIds><t:DistinguishedFolderId Id="${folder}"/></m:ParentFolderIds></m:FindItem>`;
    expect(findAll((await h.call('bob', find('sentitems'))).doc, 'Message')).toHaveLength(1);
    const inbox = await h.call('carol', find('inbox'));
    expect(texts(inbox.doc, 'IsRead')).toEqual(['false']);
    expect(texts(first(inbox.doc, 'From'), 'EmailAddress')).toEqual(['bob@contoso.test']);

    const noRecipients = await h.call(
      'bob',
      '<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:Message><t:Subject>x</t:Subject></t:Message></m:Items></m:CreateItem>',
    );
    expect(texts(noRecipients.doc, 'ResponseCode')).toEqual(['ErrorInvalidRecipients']);
  });
});
