import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const attendee = (address: string) =>
  `<t:Attendee><t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox></t:Attendee>`;
const inbox = (base: string) =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>${base}</t:BaseShape></m:ItemShape>` +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>';
const getItem = (id: string, base = 'Default') =>
  `<m:GetItem><m:ItemShape><t:BaseShape>${base}</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

describe('meeting invitations', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('deliver a MeetingRequest to each person attendee, linked to a tentative calendar entry', async () => {
    const created = await h.call(
      'alice',
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem>' +
        '<t:Subject>Budget review</t:Subject><t:Body BodyType="Text">Numbers</t:Body>' +
        '<t:Start>2026-03-20T09:00:00Z</t:Start><t:End>2026-03-20T10:00:00Z</t:End>' +
        `<t:RequiredAttendees>${attendee('bob@contoso.test')}</t:RequiredAttendees>` +
        `<t:OptionalAttendees>${attendee('carol@contoso.test')}</t:OptionalAttendees>` +
        `<t:Resources>${attendee('room.tokyo@contoso.test')}</t:Resources>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);

    for (const user of ['bob', 'carol']) {
      const found = await h.call(user, inbox('IdOnly'));
      const requests = findAll(found.doc, 'MeetingRequest');
      expect(requests).toHaveLength(1);
      const request = await h.call(
        user,
        getItem(first(requests[0]!, 'ItemId').attrs.Id ?? '', 'AllProperties'),
      );
      expect(first(request.doc, 'ItemClass').text).toBe('IPM.Schedule.Meeting.Request');
      expect(first(request.doc, 'Subject').text).toBe('Budget review');
      expect(first(first(request.doc, 'From'), 'EmailAddress').text).toBe('alice@contoso.test');
      expect(first(request.doc, 'MeetingRequestType').text).toBe('NewMeetingRequest');
      expect(first(request.doc, 'Start').text).toBe('2026-03-20T09:00:00Z');
      expect(first(request.doc, 'IsRead').text).toBe('false');
      const entryId = first(request.doc, 'AssociatedCalendarItemId').attrs.Id ?? '';
      const entry = await h.call(user, getItem(entryId));
      expect(findAll(entry.doc, 'CalendarItem')).toHaveLength(1);
      expect(first(entry.doc, 'LegacyFreeBusyStatus').text).toBe('Tentative');
      expect(first(entry.doc, 'MyResponseType').text).toBe('NoResponseReceived');
      expect(first(entry.doc, 'UID').text).toBe(first(request.doc, 'UID').text);
    }
    const roomInbox = await h.call(
      'ews.service',
      inbox('IdOnly').replace(
        '<t:DistinguishedFolderId Id="inbox"/>',
        '<t:DistinguishedFolderId Id="inbox"><t:Mailbox><t:EmailAddress>room.tokyo@contoso.test</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>',
      ),
    );
    expect(findAll(roomInbox.doc, 'MeetingRequest')).toEqual([]);
    const organizerInbox = await h.call('alice', inbox('IdOnly'));
    expect(findAll(organizerInbox.doc, 'MeetingRequest')).toEqual([]);
  });

  it('cancelling delivers a MeetingCancellation and cancels the entry; the request stays as it was', async () => {
    const created = await h.call(
      'alice',
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem>' +
        '<t:Subject>Doomed sync</t:Subject><t:Start>2026-03-24T09:00:00Z</t:Start><t:End>2026-03-24T09:30:00Z</t:End>' +
        `<t:RequiredAttendees>${attendee('frank@contoso.test')}</t:RequiredAttendees>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    );
    const id = first(created.doc, 'ItemId').attrs.Id;
    const deleted = await h.call(
      'alice',
      `<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendToAllAndSaveCopy"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`,
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    const inboxReply = await h.call('frank', inbox('IdOnly'));
    const cancellations = findAll(inboxReply.doc, 'MeetingCancellation');
    expect(cancellations).toHaveLength(1);
    expect(findAll(inboxReply.doc, 'MeetingRequest')).toHaveLength(1);
    const cancellation = await h.call(
      'frank',
      getItem(first(cancellations[0]!, 'ItemId').attrs.Id ?? '', 'AllProperties'),
    );
    expect(first(cancellation.doc, 'ItemClass').text).toBe('IPM.Schedule.Meeting.Canceled');
    expect(first(cancellation.doc, 'Subject').text).toBe('Canceled: Doomed sync');
    const entry = await h.call(
      'frank',
      getItem(first(cancellation.doc, 'AssociatedCalendarItemId').attrs.Id ?? ''),
    );
    expect(first(entry.doc, 'IsCancelled').text).toBe('true');
    const request = await h.call(
      'frank',
      getItem(first(findAll(inboxReply.doc, 'MeetingRequest')[0]!, 'ItemId').attrs.Id ?? ''),
    );
    expect(first(request.doc, 'Subject').text).toBe('Doomed sync');
  });

  it('SendToNone delivers nothing', async () => {
    await h.call(
      'dave',
      '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
        '<t:Subject>Quiet</t:Subject><t:Start>2026-03-21T09:00:00Z</t:Start><t:End>2026-03-21T10:00:00Z</t:End>' +
        `<t:RequiredAttendees>${attendee('erin@contoso.test')}</t:RequiredAttendees>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    );
    const erin = await h.call('erin', inbox('Default'));
    expect(findAll(erin.doc, 'MeetingRequest')).toEqual([]);
  });
});
