import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const PDF = Buffer.from('%PDF-1.4 quarterly numbers\n').toString('base64');
const getItem = (id: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const getAttachment = (id: string) =>
  `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${id}"/></m:AttachmentIds></m:GetAttachment>`;

describe('attachments', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('CreateAttachment, GetItem lists it, GetAttachment returns the bytes, DeleteAttachment removes it', async () => {
    const created = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>Report</t:Subject>' +
        '<t:ToRecipients><t:Mailbox><t:EmailAddress>bob@contoso.test</t:EmailAddress></t:Mailbox></t:ToRecipients>' +
        '</t:Message></m:Items></m:CreateItem>',
    );
    const item = first(created.doc, 'ItemId').attrs;
    const attached = await h.call(
      'alice',
      `<m:CreateAttachment><m:ParentItemId Id="${item.Id}" ChangeKey="${item.ChangeKey}"/><m:Attachments>` +
        `<t:FileAttachment><t:Name>q1.pdf</t:Name><t:ContentType>application/pdf</t:ContentType><t:Content>${PDF}</t:Content></t:FileAttachment>` +
        '</m:Attachments></m:CreateAttachment>',
    );
    expect(texts(attached.doc, 'ResponseCode')).toEqual(['NoError']);
    const attachmentId = first(attached.doc, 'AttachmentId').attrs;
    expect(attachmentId.RootItemId).toBe(item.Id);
    expect(attachmentId.RootItemChangeKey).not.toBe(item.ChangeKey);

    const fetched = await h.call('alice', getItem(item.Id ?? ''));
    expect(first(fetched.doc, 'HasAttachments').text).toBe('true');
    expect(texts(first(fetched.doc, 'Attachments'), 'Name')).toEqual(['q1.pdf']);
    expect(first(first(fetched.doc, 'Attachments'), 'Size').text).toBe(
      String(Buffer.from(PDF, 'base64').length),
    );

    const content = await h.call('alice', getAttachment(attachmentId.Id ?? ''));
    expect(first(content.doc, 'Content').text).toBe(PDF);
    expect(first(content.doc, 'ContentType').text).toBe('application/pdf');
    const denied = await h.call('bob', getAttachment(attachmentId.Id ?? ''));
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);

    const sent = await h.call(
      'alice',
      `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${item.Id}"/></m:ItemIds></m:SendItem>`,
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
    const bobInbox = await h.call(
      'bob',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>',
    );
    const bobCopy = await h.call('bob', getItem(first(bobInbox.doc, 'ItemId').attrs.Id ?? ''));
    const bobAttachment = first(first(bobCopy.doc, 'Attachments'), 'AttachmentId').attrs.Id ?? '';
    expect(bobAttachment).not.toBe(attachmentId.Id);
    expect(first((await h.call('bob', getAttachment(bobAttachment))).doc, 'Content').text).toBe(PDF);

    // Sent, the draft left Drafts for Sent Items under a new id (exchangelib's send(): "The item will be
    // deleted from the original folder"); its copy there carries the attachment.
    expect(texts((await h.call('alice', getItem(item.Id ?? ''))).doc, 'ResponseCode')).toEqual([
      'ErrorItemNotFound',
    ]);
    const aliceSent = await h.call(
      'alice',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="sentitems"/></m:ParentFolderIds></m:FindItem>',
    );
    const sentId = first(aliceSent.doc, 'ItemId').attrs.Id ?? '';
    const sentCopy = await h.call('alice', getItem(sentId));
    const sentAttachment = first(first(sentCopy.doc, 'Attachments'), 'AttachmentId').attrs.Id ?? '';

    const deleted = await h.call(
      'alice',
      `<m:DeleteAttachment><m:AttachmentIds><t:AttachmentId Id="${sentAttachment}"/></m:AttachmentIds></m:DeleteAttachment>`,
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(deleted.doc, 'RootItemId').attrs.RootItemId).toBe(sentId);
    const after = await h.call('alice', getItem(sentId));
    expect(first(after.doc, 'HasAttachments').text).toBe('false');
    expect(findAll(after.doc, 'Attachments')).toEqual([]);
    const gone = await h.call('alice', getAttachment(sentAttachment));
    expect(texts(gone.doc, 'ResponseCode')).toEqual(['ErrorInvalidAttachmentId']);
  });

  it('item attachments: a message (with its own file), a meeting and a contact inside a draft', async () => {
    const created = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>FYI</t:Subject>' +
        '<t:ToRecipients><t:Mailbox><t:EmailAddress>carol@contoso.test</t:EmailAddress></t:Mailbox></t:ToRecipients>' +
        '</t:Message></m:Items></m:CreateItem>',
    );
    const parent = first(created.doc, 'ItemId').attrs;
    const attached = await h.call(
      'alice',
      `<m:CreateAttachment><m:ParentItemId Id="${parent.Id}"/><m:Attachments>` +
        '<t:ItemAttachment><t:Name>Minutes</t:Name><t:Message><t:Subject>Board minutes</t:Subject>' +
        '<t:Body BodyType="HTML">&lt;p&gt;Approved &amp;amp; signed&lt;/p&gt;</t:Body>' +
        `<t:Attachments><t:FileAttachment><t:Name>q1.pdf</t:Name><t:Content>${PDF}</t:Content></t:FileAttachment></t:Attachments>` +
        '<t:ToRecipients><t:Mailbox><t:EmailAddress>bob@contoso.test</t:EmailAddress></t:Mailbox></t:ToRecipients>' +
        '</t:Message></t:ItemAttachment>' +
        '<t:ItemAttachment><t:Name>Offsite</t:Name><t:CalendarItem><t:Subject>Offsite</t:Subject>' +
        '<t:Start>2026-04-02T08:00:00Z</t:Start><t:End>2026-04-02T16:00:00Z</t:End><t:Location>Oslo</t:Location>' +
        '</t:CalendarItem></t:ItemAttachment>' +
        '<t:ItemAttachment><t:Name>Card</t:Name><t:Contact><t:GivenName>Nora</t:GivenName><t:Surname>Berg</t:Surname>' +
        '</t:Contact></t:ItemAttachment>' +
        '</m:Attachments></m:CreateAttachment>',
    );
    expect(texts(attached.doc, 'ResponseCode')).toEqual(['NoError', 'NoError', 'NoError']);
    expect(findAll(attached.doc, 'ItemAttachment')).toHaveLength(3);
    const [minutesId, offsiteId, cardId] = findAll(attached.doc, 'AttachmentId').map((a) => a.attrs.Id ?? '');

    const fetched = await h.call('alice', getItem(parent.Id ?? ''));
    expect(first(fetched.doc, 'HasAttachments').text).toBe('true');
    const listed = first(fetched.doc, 'Attachments');
    expect(listed.children.map((c) => c.name)).toEqual([
      'ItemAttachment',
      'ItemAttachment',
      'ItemAttachment',
    ]);
    expect(texts(listed, 'Name')).toEqual(['Minutes', 'Offsite', 'Card']);
    expect(findAll(listed, 'Message')).toEqual([]);
    const withMime = await h.call(
      'alice',
      '<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:IncludeMimeContent>true</t:IncludeMimeContent>' +
        `</m:ItemShape><m:ItemIds><t:ItemId Id="${parent.Id}"/></m:ItemIds></m:GetItem>`,
    );
    const parentMime = Buffer.from(first(withMime.doc, 'MimeContent').text, 'base64').toString('utf8');
    expect(parentMime).toContain('Subject: FYI\r\n');
    expect(parentMime).toContain('To: "Carol');

    const minutes = await h.call(
      'alice',
      '<m:GetAttachment><m:AttachmentShape><t:IncludeMimeContent>true</t:IncludeMimeContent><t:BodyType>Text</t:BodyType>' +
        `</m:AttachmentShape><m:AttachmentIds><t:AttachmentId Id="${minutesId}"/></m:AttachmentIds></m:GetAttachment>`,
    );
    expect(texts(minutes.doc, 'ResponseCode')).toEqual(['NoError']);
    const message = first(first(minutes.doc, 'ItemAttachment'), 'Message');
    const mime = Buffer.from(first(message, 'MimeContent').text, 'base64').toString('utf8');
    expect(mime).toContain('Subject: Board minutes\r\n');
    expect(mime).toContain('To: "Bob');
    expect(mime).toContain('Content-Type: text/html; charset="utf-8"');
    expect(first(message, 'Subject').text).toBe('Board minutes');
    expect(first(message, 'Body').attrs.BodyType).toBe('Text');
    expect(first(message, 'Body').text).toBe('Approved & signed');
    const nested = first(first(message, 'Attachments'), 'FileAttachment');
    expect(first(nested, 'Name').text).toBe('q1.pdf');
    const nestedContent = await h.call('alice', getAttachment(first(nested, 'AttachmentId').attrs.Id ?? ''));
    expect(first(nestedContent.doc, 'Content').text).toBe(PDF);
    const html = await h.call(
      'alice',
      '<m:GetAttachment><m:AttachmentShape><t:BodyType>HTML</t:BodyType></m:AttachmentShape>' +
        `<m:AttachmentIds><t:AttachmentId Id="${minutesId}"/></m:AttachmentIds></m:GetAttachment>`,
    );
    expect(findAll(html.doc, 'MimeContent')).toEqual([]);
    expect(first(first(html.doc, 'Message'), 'Body').text).toBe('<p>Approved &amp; signed</p>');

    const offsite = await h.call('alice', getAttachment(offsiteId ?? ''));
    const meeting = first(offsite.doc, 'CalendarItem');
    expect([
      first(meeting, 'Start').text,
      first(meeting, 'End').text,
      first(meeting, 'Location').text,
    ]).toEqual(['2026-04-02T08:00:00Z', '2026-04-02T16:00:00Z', 'Oslo']);
    const card = await h.call('alice', getAttachment(cardId ?? ''));
    expect(first(first(card.doc, 'Contact'), 'DisplayName').text).toBe('Nora Berg');

    // Sending delivers copies of the attached items; removing one attachment keeps the others.
    const sent = await h.call(
      'alice',
      `<m:SendItem SaveItemToFolder="false"><m:ItemIds><t:ItemId Id="${parent.Id}"/></m:ItemIds></m:SendItem>`,
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
    const carolInbox = await h.call(
      'carol',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>',
    );
    const carolCopyId = first(carolInbox.doc, 'ItemId').attrs.Id ?? '';
    const carolCopy = await h.call('carol', getItem(carolCopyId));
    const carolMinutes = findAll(first(carolCopy.doc, 'Attachments'), 'AttachmentId')[0]?.attrs.Id ?? '';
    expect(carolMinutes).not.toBe(minutesId);
    const carolGot = await h.call('carol', getAttachment(carolMinutes));
    expect(first(first(carolGot.doc, 'Message'), 'Subject').text).toBe('Board minutes');
    const removed = await h.call(
      'carol',
      `<m:DeleteAttachment><m:AttachmentIds><t:AttachmentId Id="${carolMinutes}"/></m:AttachmentIds></m:DeleteAttachment>`,
    );
    expect(first(removed.doc, 'RootItemId').attrs.RootItemId).toBe(carolCopyId);
    const after = await h.call('carol', getItem(carolCopyId));
    expect(texts(first(after.doc, 'Attachments'), 'Name')).toEqual(['Offsite', 'Card']);
  });
});
