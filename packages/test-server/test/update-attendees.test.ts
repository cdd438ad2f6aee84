import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// Microsoft's UpdateItem / SetItemField / AppendToItemField / DeleteItemField reference: the attendee
// lists (calendar:RequiredAttendees, OptionalAttendees, Resources) are updatable on a calendar item;
// SendMeetingInvitationsOrCancellations decides whether added attendees are invited and removed ones
// told of the cancellation. A draft's message:From / message:Sender may be set.

const attendee = (address: string) =>
  `<t:Attendee><t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox></t:Attendee>`;
const people = (users: string[]) => users.map((u) => attendee(`${u}@contoso.test`)).join('');
const getItem = (id: string, base = 'AllProperties') =>
  `<m:GetItem><m:ItemShape><t:BaseShape>${base}</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const folder = (name: string, base = 'IdOnly') =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>${base}</t:BaseShape></m:ItemShape>` +
  `<m:ParentFolderIds><t:DistinguishedFolderId Id="${name}"/></m:ParentFolderIds></m:FindItem>`;
const update = (id: string, updates: string, send = 'SendToNone', kind = 'CalendarItem') =>
  `<m:UpdateItem ConflictResolution="AlwaysOverwrite"${kind === 'CalendarItem' ? ` SendMeetingInvitationsOrCancellations="${send}"` : ' MessageDisposition="SaveOnly"'}>` +
  `<m:ItemChanges><t:ItemChange><t:ItemId Id="${id}"/><t:Updates>${updates}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;
const field = (op: string, uri: string, kind: string, element: string, inner: string) =>
  `<t:${op}><t:FieldURI FieldURI="${uri}"/><t:${kind}><t:${element}>${inner}</t:${element}></t:${kind}></t:${op}>`;
const setList = (element: string, users: string[]) =>
  field('SetItemField', `calendar:${element}`, 'CalendarItem', element, people(users));
const appendList = (element: string, users: string[]) =>
  field('AppendToItemField', `calendar:${element}`, 'CalendarItem', element, people(users));
const deleteList = (element: string) =>
  `<t:DeleteItemField><t:FieldURI FieldURI="calendar:${element}"/></t:DeleteItemField>`;

/** [address, ResponseType] of each attendee on one list of a GetItem answer. */
function listOf(doc: XmlElement, element: string): [string, string][] {
  const list = findAll(doc, element)[0];
  if (list === undefined) return [];
  return findAll(list, 'Attendee').map((a) => [first(a, 'EmailAddress').text, first(a, 'ResponseType').text]);
}

/** The calendar item of a FindItem answer whose subject ends with `subject` (cancelled: "Canceled: ..."). */
function entry(reply: { doc: XmlElement }, subject: string): XmlElement {
  const found = findAll(reply.doc, 'CalendarItem').find((c) => first(c, 'Subject').text.endsWith(subject));
  if (found === undefined) throw new Error(`no calendar item ${subject}`);
  return found;
}

describe('UpdateItem of attendee lists and a draft’s From/Sender (issue 13)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  async function meeting(subject: string, required: string[], send = 'SendToAllAndSaveCopy') {
    const created = await h.call(
      'alice',
      `<m:CreateItem SendMeetingInvitations="${send}"><m:Items><t:CalendarItem>` +
        `<t:Subject>${subject}</t:Subject><t:Start>2026-03-24T09:00:00Z</t:Start><t:End>2026-03-24T10:00:00Z</t:End>` +
        (required.length > 0 ? `<t:RequiredAttendees>${people(required)}</t:RequiredAttendees>` : '') +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    return first(created.doc, 'ItemId').attrs.Id ?? '';
  }

  const lists = async (id: string) => {
    const got = await h.call('alice', getItem(id));
    expect(texts(got.doc, 'ResponseCode')).toEqual(['NoError']);
    return {
      required: listOf(got.doc, 'RequiredAttendees'),
      optional: listOf(got.doc, 'OptionalAttendees'),
      resources: listOf(got.doc, 'Resources'),
      isMeeting: first(got.doc, 'IsMeeting').text,
    };
  };

  it('SetItemField of each list without sending: stayers keep their answers, newcomers are Unknown', async () => {
    const id = await meeting('Lists', ['bob', 'carol']);
    // Bob accepts: the organizer's copy records it.
    const bobInbox = await h.call('bob', folder('inbox'));
    const requestId = first(first(bobInbox.doc, 'MeetingRequest'), 'ItemId').attrs.Id ?? '';
    const accepted = await h.call(
      'bob',
      `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:AcceptItem><t:ReferenceItemId Id="${requestId}"/></t:AcceptItem></m:Items></m:CreateItem>`,
    );
    expect(texts(accepted.doc, 'ResponseCode')).toEqual(['NoError']);

    const reply = await h.call(
      'alice',
      update(
        id,
        setList('RequiredAttendees', ['bob', 'dave']) +
          setList('OptionalAttendees', ['carol', 'erin']) +
          setList('Resources', ['room.tokyo']),
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(await lists(id)).toEqual({
      required: [
        ['bob@contoso.test', 'Accept'],
        ['dave@contoso.test', 'Unknown'],
      ],
      // Carol moved from required to optional: still waiting for her answer, not a new invitation.
      optional: [
        ['carol@contoso.test', 'NoResponseReceived'],
        ['erin@contoso.test', 'Unknown'],
      ],
      resources: [['room.tokyo@contoso.test', 'Unknown']],
      isMeeting: 'true',
    });
    // Nothing was sent: Dave got neither a request nor a calendar entry.
    expect(findAll((await h.call('dave', folder('inbox'))).doc, 'MeetingRequest')).toHaveLength(0);
    expect(findAll((await h.call('dave', folder('calendar'))).doc, 'CalendarItem')).toHaveLength(0);
  });

  it('AppendToItemField adds to a list (who is on it already stays once); DeleteItemField empties it', async () => {
    const id = await meeting('Append', ['bob'], 'SendToNone');
    const appended = await h.call(
      'alice',
      update(
        id,
        appendList('RequiredAttendees', ['carol', 'bob']) +
          appendList('OptionalAttendees', ['dave']) +
          appendList('Resources', ['room.tokyo']),
      ),
    );
    expect(texts(appended.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(await lists(id)).toEqual({
      required: [
        ['bob@contoso.test', 'Unknown'],
        ['carol@contoso.test', 'Unknown'],
      ],
      optional: [['dave@contoso.test', 'Unknown']],
      resources: [['room.tokyo@contoso.test', 'Unknown']],
      isMeeting: 'true',
    });
    const deleted = await h.call(
      'alice',
      update(id, deleteList('RequiredAttendees') + deleteList('OptionalAttendees') + deleteList('Resources')),
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(await lists(id)).toEqual({ required: [], optional: [], resources: [], isMeeting: 'true' });
  });

  it('an appointment given attendees becomes a meeting', async () => {
    const id = await meeting('Appointment', [], 'SendToNone');
    expect((await lists(id)).isMeeting).toBe('false');
    const reply = await h.call('alice', update(id, setList('RequiredAttendees', ['bob'])));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(await lists(id)).toMatchObject({ required: [['bob@contoso.test', 'Unknown']], isMeeting: 'true' });
  });

  it('sending updates invites added attendees and cancels for removed ones', async () => {
    const id = await meeting('Sent lists', ['bob', 'carol']);
    const reply = await h.call(
      'alice',
      update(
        id,
        setList('RequiredAttendees', ['bob', 'frank']) + appendList('Resources', ['room.tokyo']),
        'SendToAllAndSaveCopy',
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(await lists(id)).toMatchObject({
      required: [
        ['bob@contoso.test', 'NoResponseReceived'],
        ['frank@contoso.test', 'NoResponseReceived'],
      ],
      // A free room accepts the invitation at once (resource booking attendant).
      resources: [['room.tokyo@contoso.test', 'Accept']],
    });
    // Frank: a meeting request and a tentative entry; Carol: a cancellation, her entry cancelled.
    const frankInbox = await h.call('frank', folder('inbox', 'Default'));
    expect(texts(frankInbox.doc, 'Subject')).toContain('Sent lists');
    expect(findAll(frankInbox.doc, 'MeetingRequest')).toHaveLength(1);
    const frankCalendar = await h.call('frank', folder('calendar', 'AllProperties'));
    expect(texts(frankCalendar.doc, 'LegacyFreeBusyStatus')).toEqual(['Tentative']);
    const carolInbox = await h.call('carol', folder('inbox', 'Default'));
    expect(findAll(carolInbox.doc, 'MeetingCancellation')).toHaveLength(1);
    const carolEntry = entry(await h.call('carol', folder('calendar', 'AllProperties')), 'Sent lists');
    expect(first(carolEntry, 'IsCancelled').text).toBe('true');
    // Bob stayed: his copy shows the new lists and no cancellation.
    const bobEntry = entry(await h.call('bob', folder('calendar', 'AllProperties')), 'Sent lists');
    expect(first(bobEntry, 'IsCancelled').text).toBe('false');
    // FindItem does not return attendee lists (as in Exchange): GetItem does.
    const bobCopy = await h.call('bob', getItem(first(bobEntry, 'ItemId').attrs.Id ?? ''));
    expect(listOf(bobCopy.doc, 'RequiredAttendees').map(([a]) => a)).toEqual([
      'bob@contoso.test',
      'frank@contoso.test',
    ]);
    expect(findAll((await h.call('bob', folder('inbox'))).doc, 'MeetingCancellation')).toHaveLength(0);
  });

  it('SetItemField of a draft’s message:From and message:Sender; a received message’s are fixed', async () => {
    const draft = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:DistinguishedFolderId Id="drafts"/></m:SavedItemFolderId>' +
        '<m:Items><t:Message><t:Subject>On behalf</t:Subject></t:Message></m:Items></m:CreateItem>',
    );
    const id = first(draft.doc, 'ItemId').attrs.Id ?? '';
    const from = (uri: string, element: string, address: string) =>
      field(
        'SetItemField',
        uri,
        'Message',
        element,
        `<t:Mailbox><t:Name>Someone</t:Name><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox>`,
      );
    const fromOf = async () => {
      const got = await h.call('alice', getItem(id));
      return [
        first(first(got.doc, 'From'), 'EmailAddress').text,
        first(first(got.doc, 'Sender'), 'EmailAddress').text,
      ];
    };
    const setFrom = await h.call(
      'alice',
      update(id, from('message:From', 'From', 'bob@contoso.test'), '', 'Message'),
    );
    expect(texts(setFrom.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(await fromOf()).toEqual(['bob@contoso.test', 'bob@contoso.test']);
    const setSender = await h.call(
      'alice',
      update(id, from('message:Sender', 'Sender', 'carol@contoso.test'), '', 'Message'),
    );
    expect(texts(setSender.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(await fromOf()).toEqual(['carol@contoso.test', 'carol@contoso.test']);

    // Frank received a meeting request earlier in this file; a received message's From is not the reader's to change.
    const inbox = await h.call('frank', folder('inbox'));
    const received = first(first(inbox.doc, 'MeetingRequest'), 'ItemId').attrs.Id ?? '';
    const refused = await h.call(
      'frank',
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange><t:ItemId Id="${received}"/>` +
        `<t:Updates>${field('SetItemField', 'message:From', 'MeetingRequest', 'From', '<t:Mailbox><t:EmailAddress>erin@contoso.test</t:EmailAddress></t:Mailbox>')}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`,
    );
    expect(texts(refused.doc, 'ResponseCode')).toEqual(['ErrorInvalidPropertyUpdateSentMessage']);
  });

  it('CreateItem keeps a draft’s From; IsDraft says whether a message is a draft', async () => {
    const draft = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:DistinguishedFolderId Id="drafts"/></m:SavedItemFolderId>' +
        '<m:Items><t:Message><t:Subject>Drafted for Bob</t:Subject>' +
        '<t:From><t:Mailbox><t:EmailAddress>bob@contoso.test</t:EmailAddress></t:Mailbox></t:From></t:Message></m:Items></m:CreateItem>',
    );
    const got = await h.call('alice', getItem(first(draft.doc, 'ItemId').attrs.Id ?? ''));
    expect(first(first(got.doc, 'From'), 'EmailAddress').text).toBe('bob@contoso.test');
    expect(first(got.doc, 'IsDraft').text).toBe('true');
    // A received message is not a draft; neither is a calendar item.
    const inbox = await h.call('frank', folder('inbox'));
    const received = await h.call(
      'frank',
      getItem(first(first(inbox.doc, 'MeetingRequest'), 'ItemId').attrs.Id ?? ''),
    );
    expect(first(received.doc, 'IsDraft').text).toBe('false');
    const calendar = await h.call('alice', folder('calendar'));
    const meeting = await h.call('alice', getItem(first(calendar.doc, 'ItemId').attrs.Id ?? ''));
    expect(first(meeting.doc, 'IsDraft').text).toBe('false');
  });

  it('UpdateItem accepts a draft’s MimeContent sent back unchanged (a full save) and refuses another', async () => {
    const draft = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>Mime</t:Subject></t:Message></m:Items></m:CreateItem>',
    );
    const id = first(draft.doc, 'ItemId').attrs.Id ?? '';
    const got = await h.call(
      'alice',
      `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:IncludeMimeContent>true</t:IncludeMimeContent></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
    );
    const mime = first(got.doc, 'MimeContent').text;
    const setMime = (content: string) =>
      field('SetItemField', 'item:MimeContent', 'Message', 'MimeContent', content) +
      field('SetItemField', 'item:Subject', 'Message', 'Subject', 'Mime 2');
    const echoed = await h.call('alice', update(id, setMime(mime), '', 'Message'));
    expect(texts(echoed.doc, 'ResponseCode')).toEqual(['NoError']);
    const other = Buffer.from('Subject: Other\r\n\r\nbody\r\n').toString('base64');
    const refused = await h.call('alice', update(id, setMime(other), '', 'Message'));
    expect(texts(refused.doc, 'ResponseCode')).toEqual(['ErrorInvalidPropertySet']);
  });

  it('SetItemField and DeleteItemField of task:Recurrence', async () => {
    const task = await h.call(
      'alice',
      '<m:CreateItem><m:Items><t:Task><t:Subject>Water plants</t:Subject></t:Task></m:Items></m:CreateItem>',
    );
    expect(texts(task.doc, 'ResponseCode')).toEqual(['NoError']);
    const id = first(task.doc, 'ItemId').attrs.Id ?? '';
    const recurrence =
      '<t:DailyRegeneration><t:Interval>3</t:Interval></t:DailyRegeneration>' +
      '<t:NoEndRecurrence><t:StartDate>2026-04-01</t:StartDate></t:NoEndRecurrence>';
    const set = await h.call(
      'alice',
      update(id, field('SetItemField', 'task:Recurrence', 'Task', 'Recurrence', recurrence), '', 'Task'),
    );
    expect(texts(set.doc, 'ResponseCode')).toEqual(['NoError']);
    const after = await h.call('alice', getItem(id));
    expect(first(first(after.doc, 'DailyRegeneration'), 'Interval').text).toBe('3');
    const deleted = await h.call(
      'alice',
      update(
        id,
        '<t:DeleteItemField><t:FieldURI FieldURI="task:Recurrence"/></t:DeleteItemField>',
        '',
        'Task',
      ),
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(findAll((await h.call('alice', getItem(id))).doc, 'Recurrence')).toHaveLength(0);
  });
});
