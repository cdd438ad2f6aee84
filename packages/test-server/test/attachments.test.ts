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

    const deleted = await h.call(
      'alice',
      `<m:DeleteAttachment><m:AttachmentIds><t:AttachmentId Id="${attachmentId.Id}"/></m:AttachmentIds></m:DeleteAttachment>`,
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(deleted.doc, 'RootItemId').attrs.RootItemId).toBe(item.Id);
    const after = await h.call('alice', getItem(item.Id ?? ''));
    expect(first(after.doc, 'HasAttachments').text).toBe('false');
    expect(findAll(after.doc, 'Attachments')).toEqual([]);
    const gone = await h.call('alice', getAttachment(attachmentId.Id ?? ''));
    expect(texts(gone.doc, 'ResponseCode')).toEqual(['ErrorInvalidAttachmentId']);
  });
});
