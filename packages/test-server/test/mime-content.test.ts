import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// CreateItem accepts a message as t:MimeContent (base64 RFC 822); Exchange builds the item from it and
// GetItem's IncludeMimeContent returns MIME (the CreateItem and MimeContent reference pages).

const CRLF = '\r\n';
const mixed = [
  'From: "Bob Builder" <bob@contoso.test>',
  'To: Alice <alice@contoso.test>, carol@contoso.test',
  'Cc: "Dave, D." <dave@contoso.test>',
  'Subject: =?UTF-8?B?UXVhcnRlcmx5IMOmw7jDpQ==?=',
  'Date: Tue, 03 Mar 2026 09:15:00 +0100',
  'Message-ID: <quarterly-42@contoso.test>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="==b1=="',
  '',
  '--==b1==',
  'Content-Type: text/plain; charset="utf-8"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('Numbers attached, æøå.').toString('base64'),
  '--==b1==',
  'Content-Type: text/csv; name="q1.csv"',
  'Content-Disposition: attachment; filename="q1.csv"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('a,b\n1,2\n').toString('base64'),
  '--==b1==--',
  '',
].join(CRLF);
const alternative = [
  'From: bob@contoso.test',
  'To: alice@contoso.test',
  'Subject: Both kinds',
  'Content-Type: multipart/alternative; boundary=alt',
  '',
  '--alt',
  'Content-Type: text/plain; charset=iso-8859-1',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Caf=E9 plain',
  '--alt',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Caf\u00e9 <b>html</b></p>',
  '--alt--',
  '',
].join(CRLF);
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const create = (inner: string, folder = 'inbox') =>
  `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:DistinguishedFolderId Id="${folder}"/></m:SavedItemFolderId>` +
  `<m:Items><t:Message>${inner}</t:Message></m:Items></m:CreateItem>`;
const getItem = (id: string) =>
  '<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:IncludeMimeContent>true</t:IncludeMimeContent></m:ItemShape>' +
  `<m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

describe('CreateItem with MimeContent', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  async function created(inner: string): Promise<string> {
    const reply = await h.call('alice', create(inner));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    return first(reply.doc, 'ItemId').attrs.Id ?? '';
  }

  it('builds the message from the MIME: subject, body, sender, recipients, date, Message-ID and attachments', async () => {
    const id = await created(`<t:MimeContent CharacterSet="UTF-8">${b64(mixed)}</t:MimeContent>`);
    const got = await h.call('alice', getItem(id));
    const message = first(got.doc, 'Message');
    expect(first(message, 'Subject').text).toBe('Quarterly æøå');
    expect(first(message, 'Body').text).toBe('Numbers attached, æøå.');
    expect(first(message, 'Body').attrs.BodyType).toBe('Text');
    expect(texts(first(message, 'From'), 'EmailAddress')).toEqual(['bob@contoso.test']);
    expect(texts(first(message, 'From'), 'Name')).toEqual(['Bob Builder']);
    expect(texts(first(message, 'ToRecipients'), 'EmailAddress')).toEqual([
      'alice@contoso.test',
      'carol@contoso.test',
    ]);
    expect(texts(first(message, 'CcRecipients'), 'EmailAddress')).toEqual(['dave@contoso.test']);
    expect(texts(first(message, 'CcRecipients'), 'Name')).toEqual(['Dave, D.']);
    expect(first(message, 'DateTimeSent').text).toBe('2026-03-03T08:15:00Z');
    expect(first(message, 'InternetMessageId').text).toBe('<quarterly-42@contoso.test>');
    expect(first(message, 'HasAttachments').text).toBe('true');
    expect(texts(first(message, 'Attachments'), 'Name')).toEqual(['q1.csv']);
    // IncludeMimeContent returns the MIME it was created from.
    expect(first(message, 'MimeContent').text).toBe(b64(mixed));
    const attachmentId = first(first(message, 'Attachments'), 'AttachmentId').attrs.Id ?? '';
    const attachment = await h.call(
      'alice',
      `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${attachmentId}"/></m:AttachmentIds></m:GetAttachment>`,
    );
    expect(Buffer.from(first(attachment.doc, 'Content').text, 'base64').toString()).toBe('a,b\n1,2\n');
  });

  it('prefers the HTML alternative and reads quoted-printable Latin-1', async () => {
    const id = await created(`<t:MimeContent>${b64(alternative)}</t:MimeContent>`);
    const message = first((await h.call('alice', getItem(id))).doc, 'Message');
    expect(first(message, 'Body').attrs.BodyType).toBe('HTML');
    expect(first(message, 'Body').text).toContain('Café <b>html</b>');
  });

  it('the request’s own elements win over the MIME’s; categories are kept', async () => {
    const id = await created(
      `<t:MimeContent>${b64(alternative)}</t:MimeContent><t:Subject>Explicit subject</t:Subject>` +
        '<t:Categories><t:String>mime</t:String></t:Categories>',
    );
    const message = first((await h.call('alice', getItem(id))).doc, 'Message');
    expect(first(message, 'Subject').text).toBe('Explicit subject');
    expect(texts(first(message, 'Categories'), 'String')).toEqual(['mime']);
  });

  it('once the item changes, its MimeContent is written from its properties', async () => {
    const id = await created(`<t:MimeContent>${b64(alternative)}</t:MimeContent>`);
    await h.call(
      'alice',
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange><t:ItemId Id="${id}"/>` +
        '<t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:Message><t:Subject>Renamed</t:Subject></t:Message></t:SetItemField></t:Updates>' +
        '</t:ItemChange></m:ItemChanges></m:UpdateItem>',
    );
    const mime = Buffer.from(
      first((await h.call('alice', getItem(id))).doc, 'MimeContent').text,
      'base64',
    ).toString();
    expect(mime).toContain('Subject: Renamed');
  });

  it('refuses MIME that is not base64 or not a message with the documented codes, creating nothing', async () => {
    const count = async () =>
      findAll(
        (
          await h.call(
            'alice',
            '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>',
          )
        ).doc,
        'ItemId',
      ).length;
    const before = await count();
    const notBase64 = await h.call('alice', create('<t:MimeContent>%%% not base64 %%%</t:MimeContent>'));
    expect(texts(notBase64.doc, 'ResponseCode')).toEqual(['ErrorMimeContentInvalidBase64String']);
    for (const bad of [
      'this line is no header\r\n\r\nbody',
      'Subject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nnever closed',
      'Subject: x\r\nContent-Type: text/plain; charset=x-unknown-charset\r\n\r\nbody',
      'Subject: x\r\nTo: not an address\r\n\r\nbody',
    ]) {
      const reply = await h.call('alice', create(`<t:MimeContent>${b64(bad)}</t:MimeContent>`));
      expect(texts(reply.doc, 'ResponseCode'), bad).toEqual(['ErrorMimeContentConversionFailed']);
    }
    expect(await count()).toBe(before);
  });
});
