import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, NOW, startHarness, texts } from './support/harness.js';

const attendee = (address: string) =>
  `<t:Attendee><t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox></t:Attendee>`;
const folder = (name: string, base = 'IdOnly') =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>${base}</t:BaseShape></m:ItemShape>` +
  `<m:ParentFolderIds><t:DistinguishedFolderId Id="${name}"/></m:ParentFolderIds></m:FindItem>`;
const getItem = (id: string, base = 'AllProperties') =>
  `<m:GetItem><m:ItemShape><t:BaseShape>${base}</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const respond = (element: string, refId: string, disposition: string | undefined, before = '', after = '') =>
  `<m:CreateItem${disposition === undefined ? '' : ` MessageDisposition="${disposition}"`}><m:Items>` +
  `<t:${element}>${before}<t:ReferenceItemId Id="${refId}"/>${after}</t:${element}></m:Items></m:CreateItem>`;
const NOW_TEXT = NOW.toISOString().replace('.000Z', 'Z');

/** The attendee element for `address` in a GetItem response. */
function attendeeIn(doc: XmlElement, address: string): XmlElement {
  const found = findAll(doc, 'Attendee').find((a) => first(a, 'EmailAddress').text === address);
  if (found === undefined) throw new Error(`no attendee ${address}`);
  return found;
}

describe('meeting responses (AcceptItem, TentativelyAcceptItem, DeclineItem, CancelCalendarItem, RemoveItem)', () => {
  let h: Harness;
  let organizerItemId = '';
  const requestIds = new Map<string, string>();

  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
    const created = await h.call(
      'alice',
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem>' +
        '<t:Subject>Roadmap</t:Subject><t:Start>2026-03-23T09:00:00Z</t:Start><t:End>2026-03-23T10:00:00Z</t:End>' +
        `<t:RequiredAttendees>${['bob', 'carol', 'dave', 'erin'].map((u) => attendee(`${u}@contoso.test`)).join('')}</t:RequiredAttendees>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    );
    organizerItemId = first(created.doc, 'ItemId').attrs.Id ?? '';
    for (const user of ['bob', 'carol', 'dave', 'erin']) {
      const inbox = await h.call(user, folder('inbox'));
      requestIds.set(user, first(first(inbox.doc, 'MeetingRequest'), 'ItemId').attrs.Id ?? '');
    }
  });
  afterAll(async () => {
    await h.finish();
  });
  const requestIn = async (user: string, where: string) =>
    first(first((await h.call(user, folder(where))).doc, 'MeetingRequest'), 'ItemId').attrs.Id ?? '';

  it('accepting a MeetingRequest (SendAndSaveCopy) updates both calendars and sends a MeetingResponse', async () => {
    const reply = await h.call(
      'bob',
      respond(
        'AcceptItem',
        requestIds.get('bob') ?? '',
        'SendAndSaveCopy',
        '<t:Body BodyType="Text">See you</t:Body>',
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    const returned = first(reply.doc, 'Items').children.map((c) => c.name);
    expect(returned).toEqual(['CalendarItem', 'MeetingResponse']);

    const entry = await h.call(
      'bob',
      getItem(first(first(reply.doc, 'CalendarItem'), 'ItemId').attrs.Id ?? ''),
    );
    expect(first(entry.doc, 'Subject').text).toBe('Roadmap');
    expect(first(entry.doc, 'MyResponseType').text).toBe('Accept');
    expect(first(entry.doc, 'LegacyFreeBusyStatus').text).toBe('Busy');
    // The request left the inbox for Deleted Items; the sent copy is in Sent Items.
    expect(findAll((await h.call('bob', folder('inbox'))).doc, 'MeetingRequest')).toEqual([]);
    expect(findAll((await h.call('bob', folder('deleteditems'))).doc, 'MeetingRequest')).toHaveLength(1);
    const sent = await h.call('bob', folder('sentitems', 'Default'));
    expect(texts(sent.doc, 'Subject')).toEqual(['Accepted: Roadmap']);

    const aliceInbox = await h.call('alice', folder('inbox'));
    const responses = findAll(aliceInbox.doc, 'MeetingResponse');
    expect(responses).toHaveLength(1);
    const response = await h.call('alice', getItem(first(responses[0]!, 'ItemId').attrs.Id ?? ''));
    expect(first(response.doc, 'ItemClass').text).toBe('IPM.Schedule.Meeting.Resp.Pos');
    expect(first(response.doc, 'Subject').text).toBe('Accepted: Roadmap');
    expect(first(first(response.doc, 'MeetingResponse'), 'Body').text).toBe('See you');
    expect(first(first(response.doc, 'From'), 'EmailAddress').text).toBe('bob@contoso.test');
    expect(first(response.doc, 'ResponseType').text).toBe('Accept');
    expect(first(response.doc, 'IsRead').text).toBe('false');
    expect(first(response.doc, 'AssociatedCalendarItemId').attrs.Id).toBe(organizerItemId);

    const organizer = await h.call('alice', getItem(organizerItemId));
    const bob = attendeeIn(organizer.doc, 'bob@contoso.test');
    expect(first(bob, 'ResponseType').text).toBe('Accept');
    expect(first(bob, 'LastResponseTime').text).toBe(NOW_TEXT);
    expect(first(attendeeIn(organizer.doc, 'carol@contoso.test'), 'ResponseType').text).toBe(
      'NoResponseReceived',
    );
  });

  it('tentatively accepting the calendar item itself (SendOnly) keeps no copy', async () => {
    const carolCalendar = await h.call('carol', folder('calendar'));
    const entryId = first(carolCalendar.doc, 'ItemId').attrs.Id ?? '';
    const reply = await h.call('carol', respond('TentativelyAcceptItem', entryId, 'SendOnly'));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(reply.doc, 'Items').children.map((c) => c.name)).toEqual(['CalendarItem']);
    const entry = await h.call('carol', getItem(entryId));
    expect(first(entry.doc, 'MyResponseType').text).toBe('Tentative');
    expect(first(entry.doc, 'LegacyFreeBusyStatus').text).toBe('Tentative');
    expect(findAll((await h.call('carol', folder('sentitems'))).doc, 'MeetingResponse')).toEqual([]);
    const aliceInbox = await h.call('alice', folder('inbox', 'AllProperties'));
    expect(texts(aliceInbox.doc, 'Subject').sort()).toEqual(['Accepted: Roadmap', 'Tentative: Roadmap']);
    const organizer = await h.call('alice', getItem(organizerItemId));
    expect(first(attendeeIn(organizer.doc, 'carol@contoso.test'), 'ResponseType').text).toBe('Tentative');
  });

  it('declining moves the entry to Deleted Items and tells the organizer', async () => {
    const reply = await h.call(
      'dave',
      respond('DeclineItem', requestIds.get('dave') ?? '', 'SendAndSaveCopy'),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(reply.doc, 'Items').children.map((c) => c.name)).toEqual(['MeetingResponse']);
    expect(findAll((await h.call('dave', folder('calendar'))).doc, 'CalendarItem')).toEqual([]);
    const deleted = await h.call('dave', folder('deleteditems', 'Default'));
    expect(findAll(deleted.doc, 'CalendarItem')).toHaveLength(1);
    const organizer = await h.call('alice', getItem(organizerItemId));
    expect(first(attendeeIn(organizer.doc, 'dave@contoso.test'), 'ResponseType').text).toBe('Decline');
    const aliceInbox = await h.call('alice', folder('inbox'));
    const classes = [];
    for (const response of findAll(aliceInbox.doc, 'MeetingResponse')) {
      const got = await h.call('alice', getItem(first(response, 'ItemId').attrs.Id ?? ''));
      classes.push(first(got.doc, 'ItemClass').text);
    }
    expect(classes.sort()).toEqual([
      'IPM.Schedule.Meeting.Resp.Neg',
      'IPM.Schedule.Meeting.Resp.Pos',
      'IPM.Schedule.Meeting.Resp.Tent',
    ]);
  });

  it('SaveOnly accepts locally and leaves a draft response; the organizer hears nothing', async () => {
    const reply = await h.call('erin', respond('AcceptItem', requestIds.get('erin') ?? '', 'SaveOnly'));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    const drafts = await h.call('erin', folder('drafts', 'Default'));
    expect(texts(drafts.doc, 'Subject')).toEqual(['Accepted: Roadmap']);
    const organizer = await h.call('alice', getItem(organizerItemId));
    const erin = attendeeIn(organizer.doc, 'erin@contoso.test');
    expect(first(erin, 'ResponseType').text).toBe('NoResponseReceived');
    expect(findAll(erin, 'LastResponseTime')).toEqual([]);
  });

  it('refuses what Exchange refuses', async () => {
    const own = await h.call('alice', respond('AcceptItem', organizerItemId, 'SendAndSaveCopy'));
    expect(texts(own.doc, 'ResponseCode')).toEqual(['ErrorCalendarIsOrganizerForAccept']);
    const ownDecline = await h.call('alice', respond('DeclineItem', organizerItemId, 'SendOnly'));
    expect(texts(ownDecline.doc, 'ResponseCode')).toEqual(['ErrorCalendarIsOrganizerForDecline']);
    const noDisposition = await h.call('bob', respond('AcceptItem', requestIds.get('bob') ?? '', undefined));
    expect(texts(noDisposition.doc, 'ResponseCode')).toEqual(['ErrorMessageDispositionRequired']);
    const missing = `AAMkAD${Buffer.from('ews-test:1:I:987654').toString('base64')}`;
    const notFound = await h.call('bob', respond('AcceptItem', missing, 'SendOnly'));
    expect(texts(notFound.doc, 'ResponseCode')).toEqual(['ErrorItemNotFound']);
    // Bob's request went to Deleted Items under a new id when he accepted it.
    const bobsRequest = await requestIn('bob', 'deleteditems');
    const othersRequest = await h.call('frank', respond('AcceptItem', bobsRequest, 'SendOnly'));
    expect(texts(othersRequest.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
    const note = await h.call(
      'bob',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>note</t:Subject></t:Message></m:Items></m:CreateItem>',
    );
    const noteId = first(note.doc, 'ItemId').attrs.Id ?? '';
    const notMeeting = await h.call('bob', respond('TentativelyAcceptItem', noteId, 'SendOnly'));
    expect(texts(notMeeting.doc, 'ResponseCode')).toEqual(['ErrorInvalidReferenceItem']);
  });

  it('CancelCalendarItem: only the organizer; attendees get a cancellation, then RemoveItem clears it', async () => {
    const attendeeCancels = await h.call(
      'bob',
      respond('CancelCalendarItem', await requestIn('bob', 'deleteditems'), 'SendOnly'),
    );
    expect(texts(attendeeCancels.doc, 'ResponseCode')).toEqual(['ErrorInvalidReferenceItem']);
    const bobEntry = first((await h.call('bob', folder('calendar'))).doc, 'ItemId').attrs.Id ?? '';
    const notOrganizer = await h.call('bob', respond('CancelCalendarItem', bobEntry, 'SendOnly'));
    expect(texts(notOrganizer.doc, 'ResponseCode')).toEqual(['ErrorCalendarIsNotOrganizer']);
    const notCancelled = await h.call('bob', respond('RemoveItem', bobEntry, 'SendOnly'));
    expect(texts(notCancelled.doc, 'ResponseCode')).toEqual(['ErrorInvalidOperation']);

    const cancelled = await h.call(
      'alice',
      respond(
        'CancelCalendarItem',
        organizerItemId,
        'SendAndSaveCopy',
        '',
        '<t:NewBodyContent BodyType="Text">Sorry</t:NewBodyContent>',
      ),
    );
    expect(texts(cancelled.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(findAll((await h.call('alice', folder('calendar'))).doc, 'CalendarItem')).toEqual([]);
    const aliceSent = await h.call('alice', folder('sentitems', 'Default'));
    expect(texts(aliceSent.doc, 'Subject')).toEqual(['Canceled: Roadmap']);
    const sentCancellation = first(first(aliceSent.doc, 'MeetingCancellation'), 'ItemId').attrs.Id ?? '';
    // SendAndSaveCopy: Items holds the saved cancellation (the copy in Sent Items), as Exchange answers.
    const answered = first(cancelled.doc, 'Items').children;
    expect(answered.map((c) => [c.name, first(c, 'ItemId').attrs.Id])).toEqual([
      ['MeetingCancellation', sentCancellation],
    ]);
    const sentCopy = await h.call('alice', getItem(sentCancellation));
    expect(first(first(sentCopy.doc, 'MeetingCancellation'), 'Body').text).toBe('Sorry');
    // The cancelled item went to Deleted Items under a new id; the organizer still cannot remove it.
    const aliceDeleted = await h.call('alice', folder('deleteditems'));
    const cancelledItem = first(first(aliceDeleted.doc, 'CalendarItem'), 'ItemId').attrs.Id ?? '';
    const removeOwn = await h.call('alice', respond('RemoveItem', cancelledItem, 'SendOnly'));
    expect(texts(removeOwn.doc, 'ResponseCode')).toEqual(['ErrorCalendarIsOrganizerForRemove']);

    const bobInbox = await h.call('bob', folder('inbox'));
    const cancellationId = first(first(bobInbox.doc, 'MeetingCancellation'), 'ItemId').attrs.Id ?? '';
    const lateAccept = await h.call('bob', respond('AcceptItem', bobEntry, 'SendOnly'));
    expect(texts(lateAccept.doc, 'ResponseCode')).toEqual(['ErrorCalendarIsCancelledForAccept']);
    const acceptCancellation = await h.call(
      'bob',
      respond('TentativelyAcceptItem', cancellationId, 'SendOnly'),
    );
    expect(texts(acceptCancellation.doc, 'ResponseCode')).toEqual(['ErrorCalendarIsCancelledForTentative']);

    const removed = await h.call('bob', respond('RemoveItem', cancellationId, 'SendOnly'));
    expect(texts(removed.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(findAll((await h.call('bob', folder('calendar'))).doc, 'CalendarItem')).toEqual([]);
    expect(findAll((await h.call('bob', folder('inbox'))).doc, 'MeetingCancellation')).toEqual([]);
    const bobDeleted = await h.call('bob', folder('deleteditems'));
    expect(findAll(bobDeleted.doc, 'MeetingCancellation')).toHaveLength(1);
    expect(findAll(bobDeleted.doc, 'CalendarItem')).toHaveLength(1);
  });
});
