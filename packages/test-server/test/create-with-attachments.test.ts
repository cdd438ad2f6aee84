import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// CreateItem's item types carry t:Attachments (types.xsd, ItemType); Exchange 2013+ creates them with the
// item, and answers each attachment's id in the created item (exchangelib's save() reads them from there).

const PNG = Buffer.from('\x89PNG fake image bytes').toString('base64');
const TEXT = Buffer.from('Hello from unicode æøå').toString('base64');
const BOB =
  '<t:ToRecipients><t:Mailbox><t:EmailAddress>bob@contoso.test</t:EmailAddress></t:Mailbox></t:ToRecipients>';
const ATTACHMENTS =
  '<t:Attachments>' +
  `<t:FileAttachment><t:Name>notes.txt</t:Name><t:ContentType>text/plain</t:ContentType><t:Content>${TEXT}</t:Content></t:FileAttachment>` +
  `<t:FileAttachment><t:Name>logo.png</t:Name><t:ContentType>image/png</t:ContentType><t:ContentId>logo@contoso</t:ContentId><t:IsInline>true</t:IsInline><t:Content>${PNG}</t:Content></t:FileAttachment>` +
  '<t:ItemAttachment><t:Name>minutes</t:Name><t:Message><t:Subject>Inner minutes</t:Subject><t:Body BodyType="Text">inner body</t:Body></t:Message></t:ItemAttachment>' +
  '</t:Attachments>';
const getItem = (id: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const getAttachments = (ids: readonly string[]) =>
  `<m:GetAttachment><m:AttachmentIds>${ids.map((id) => `<t:AttachmentId Id="${id}"/>`).join('')}</m:AttachmentIds></m:GetAttachment>`;
const findSubjects = (folder: string) =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties></m:ItemShape><m:ParentFolderIds><t:DistinguishedFolderId Id="${folder}"/></m:ParentFolderIds></m:FindItem>`;

describe('attachments inside a new item (CreateItem)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('a saved message is created with its file and item attachments: ids in the answer, then GetItem and GetAttachment see them', async () => {
    const created = await h.call(
      'alice',
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>With attachments</t:Subject>${ATTACHMENTS}${BOB}</t:Message></m:Items></m:CreateItem>`,
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    const item = first(created.doc, 'ItemId').attrs;
    const ids = findAll(created.doc, 'AttachmentId').map((a) => a.attrs);
    expect(ids).toHaveLength(3);
    for (const id of ids) {
      expect(id.RootItemId).toBe(item.Id);
      expect(id.RootItemChangeKey).toBe(item.ChangeKey);
    }
    expect(findAll(first(created.doc, 'Attachments'), 'FileAttachment')).toHaveLength(2);
    expect(findAll(first(created.doc, 'Attachments'), 'ItemAttachment')).toHaveLength(1);

    const fetched = await h.call('alice', getItem(item.Id ?? ''));
    expect(first(fetched.doc, 'HasAttachments').text).toBe('true');
    const listed = first(fetched.doc, 'Attachments');
    expect(texts(listed, 'Name')).toEqual(['notes.txt', 'logo.png', 'minutes']);
    expect(findAll(listed, 'AttachmentId').map((a) => a.attrs.Id)).toEqual(ids.map((id) => id.Id));
    const files = findAll(listed, 'FileAttachment');
    expect(files.map((f) => first(f, 'Size').text)).toEqual([
      String(Buffer.from(TEXT, 'base64').length),
      String(Buffer.from(PNG, 'base64').length),
    ]);
    expect(files.map((f) => first(f, 'IsInline').text)).toEqual(['false', 'true']);
    expect(texts(files[1]!, 'ContentId')).toEqual(['logo@contoso']);

    const got = await h.call('alice', getAttachments(ids.map((id) => id.Id ?? '')));
    expect(texts(got.doc, 'ResponseCode')).toEqual(['NoError', 'NoError', 'NoError']);
    expect(texts(got.doc, 'Content')).toEqual([TEXT, PNG]);
    expect(texts(first(got.doc, 'ItemAttachment'), 'Subject')).toEqual(['Inner minutes']);
  });

  it('a sent message takes its attachments to the recipient and to Sent Items', async () => {
    const sent = await h.call(
      'alice',
      `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:Message><t:Subject>Sent with attachments</t:Subject>${ATTACHMENTS}${BOB}</t:Message></m:Items></m:CreateItem>`,
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
    for (const [user, folder] of [
      ['bob', 'inbox'],
      ['alice', 'sentitems'],
    ] as const) {
      const found = await h.call(user, findSubjects(folder));
      const itemId = findAll(found.doc, 'Message')
        .find((m) => first(m, 'Subject').text === 'Sent with attachments')
        ?.children.find((c) => c.name === 'ItemId')?.attrs.Id;
      expect(itemId, `${user} ${folder}`).toBeDefined();
      const fetched = await h.call(user, getItem(itemId ?? ''));
      expect(texts(first(fetched.doc, 'Attachments'), 'Name')).toEqual(['notes.txt', 'logo.png', 'minutes']);
      const attachmentIds = findAll(first(fetched.doc, 'Attachments'), 'AttachmentId').map(
        (a) => a.attrs.Id ?? '',
      );
      const got = await h.call(user, getAttachments(attachmentIds.slice(0, 1)));
      expect(texts(got.doc, 'Content')).toEqual([TEXT]);
    }
  });

  it('contacts, tasks and calendar items are created with attachments too', async () => {
    const file = `<t:Attachments><t:FileAttachment><t:Name>card.txt</t:Name><t:Content>${TEXT}</t:Content></t:FileAttachment></t:Attachments>`;
    for (const [element, extra] of [
      ['Contact', '<t:GivenName>Ada</t:GivenName>'],
      ['Task', ''],
      ['CalendarItem', '<t:Start>2026-03-20T10:00:00Z</t:Start><t:End>2026-03-20T11:00:00Z</t:End>'],
    ] as const) {
      const created = await h.call(
        'alice',
        `<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:${element}><t:Subject>${element} with file</t:Subject>${file}${extra}</t:${element}></m:Items></m:CreateItem>`,
      );
      expect(texts(created.doc, 'ResponseCode'), element).toEqual(['NoError']);
      const attachmentId = first(created.doc, 'AttachmentId').attrs;
      expect(attachmentId.RootItemId).toBe(first(created.doc, 'ItemId').attrs.Id);
      const got = await h.call('alice', getAttachments([attachmentId.Id ?? '']));
      expect(texts(got.doc, 'Content'), element).toEqual([TEXT]);
    }
  });

  it('an attachment the server refuses refuses the item: nothing is created', async () => {
    const before = findAll((await h.call('alice', findSubjects('contacts'))).doc, 'Contact').length;
    const refused = await h.call(
      'alice',
      '<m:CreateItem><m:Items><t:Contact><t:Subject>No name</t:Subject><t:Attachments>' +
        `<t:FileAttachment><t:Content>${TEXT}</t:Content></t:FileAttachment></t:Attachments><t:GivenName>Nemo</t:GivenName></t:Contact></m:Items></m:CreateItem>`,
    );
    expect(texts(refused.doc, 'ResponseCode')).not.toEqual(['NoError']);
    const after = findAll((await h.call('alice', findSubjects('contacts'))).doc, 'Contact').length;
    expect(after).toBe(before);
  });
});
