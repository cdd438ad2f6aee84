import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const attendee = (address: string) =>
  `<t:Attendee><t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox></t:Attendee>`;

const folder = (id: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties></m:ItemShape>' +
  `<m:ParentFolderIds><t:DistinguishedFolderId Id="${id}"/></m:ParentFolderIds></m:FindItem>`;

const getItem = (id: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

const book = (subject: string, start: string, end: string) =>
  '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId><m:Items>' +
  `<t:CalendarItem><t:Subject>${subject}</t:Subject><t:Body BodyType="Text">Agenda</t:Body><t:Start>${start}</t:Start><t:End>${end}</t:End>` +
  `<t:RequiredAttendees>${attendee('dave@contoso.test')}</t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>`;

describe('meeting routines shared by several operations', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('an attached meeting with only a room is a meeting with a UID, like a booked one', async () => {
    const created = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>Room hold</t:Subject></t:Message></m:Items></m:CreateItem>',
    );
    const parentId = first(created.doc, 'ItemId').attrs.Id ?? '';
    const attached = await h.call(
      'alice',
      `<m:CreateAttachment><m:ParentItemId Id="${parentId}"/><m:Attachments>` +
        '<t:ItemAttachment><t:Name>Hold</t:Name><t:CalendarItem><t:Subject>Hold</t:Subject>' +
        '<t:Start>2026-04-02T08:00:00Z</t:Start><t:End>2026-04-02T09:00:00Z</t:End>' +
        `<t:Resources>${attendee('room.oslo@contoso.test')}</t:Resources>` +
        '</t:CalendarItem></t:ItemAttachment></m:Attachments></m:CreateAttachment>',
    );
    const attachmentId = first(attached.doc, 'AttachmentId').attrs.Id ?? '';
    const fetched = await h.call(
      'alice',
      `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${attachmentId}"/></m:AttachmentIds></m:GetAttachment>`,
    );
    const meeting = first(fetched.doc, 'CalendarItem');
    expect(first(meeting, 'IsMeeting').text).toBe('true');
    expect(first(meeting, 'UID').text).toMatch(
      /^040000008200E00074C5B7101A82E00800000000[0-9A-F]{16}0{16}10000000[0-9A-F]{32}$/,
    );
    expect(texts(first(meeting, 'Resources'), 'EmailAddress')).toEqual(['room.oslo@contoso.test']);
    // Nothing was booked: an attached meeting sends no invitations.
    const room = h.server.snapshot().mailbox('room.oslo@contoso.test');
    expect(room.itemsIn(room.folder('calendar').id)).toEqual([]);
  });

  it('DeleteItem and CancelCalendarItem cancel the same way: attendee cancellation, kept sent copy', async () => {
    const viaDelete = first(
      (await h.call('alice', book('Via delete', '2026-04-06T09:00:00Z', '2026-04-06T10:00:00Z'))).doc,
      'ItemId',
    ).attrs.Id;
    const viaCancel = first(
      (await h.call('alice', book('Via cancel', '2026-04-07T09:00:00Z', '2026-04-07T10:00:00Z'))).doc,
      'ItemId',
    ).attrs.Id;
    const deleted = await h.call(
      'alice',
      `<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendToAllAndSaveCopy"><m:ItemIds><t:ItemId Id="${viaDelete}"/></m:ItemIds></m:DeleteItem>`,
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    const cancelled = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:CancelCalendarItem>' +
        `<t:ReferenceItemId Id="${viaCancel}"/><t:NewBodyContent BodyType="Text">Sorry, cancelled</t:NewBodyContent>` +
        '</t:CancelCalendarItem></m:Items></m:CreateItem>',
    );
    expect(texts(cancelled.doc, 'ResponseCode')).toEqual(['NoError']);

    // Both leave a read, sent cancellation in the organizer's Sent Items.
    const sent = await h.call('alice', folder('sentitems'));
    expect(
      findAll(sent.doc, 'MeetingCancellation')
        .map((m) => first(m, 'Subject').text)
        .sort(),
    ).toEqual(['Canceled: Via cancel', 'Canceled: Via delete']);
    // The attendee gets one cancellation each; CancelCalendarItem's new body is what they read.
    const inbox = await h.call('dave', folder('inbox'));
    const cancellations = findAll(inbox.doc, 'MeetingCancellation');
    const bodies = new Map<string, string>();
    for (const c of cancellations) {
      const item = await h.call('dave', getItem(first(c, 'ItemId').attrs.Id ?? ''));
      // (the first element named Body is the SOAP envelope's)
      const body = findAll(item.doc, 'Body').find((b) => b.attrs.BodyType !== undefined);
      bodies.set(first(item.doc, 'Subject').text, body?.text ?? '');
      expect(first(item.doc, 'IsRead').text).toBe('false');
    }
    expect(Object.fromEntries(bodies)).toEqual({
      'Canceled: Via delete': 'Agenda',
      'Canceled: Via cancel': 'Sorry, cancelled',
    });
    // Their calendar entries are cancelled and free.
    const dave = h.server.snapshot().mailbox('dave@contoso.test');
    const entries = dave.itemsIn(dave.folder('calendar').id);
    expect(entries.map((e) => [e.subject, e.calendar?.isCancelled, e.calendar?.freeBusy]).sort()).toEqual([
      ['Canceled: Via cancel', true, 'Free'],
      ['Canceled: Via delete', true, 'Free'],
    ]);
  });
});
