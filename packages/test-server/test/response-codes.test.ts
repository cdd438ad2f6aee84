import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../src/index.js';
import { isEwsRequestElement } from '../src/soap/ews-operations.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';
import { envelope, post } from './support/soap-client.js';

// Expected codes come from Microsoft's EWS ResponseCode reference and the operations' reference pages.

const ALICE = '<m:Mailbox><t:EmailAddress>alice@contoso.test</t:EmailAddress></m:Mailbox>';
const getDelegate = (userIds: string) =>
  `<m:GetDelegate IncludePermissions="false">${ALICE}<m:UserIds>${userIds}</m:UserIds></m:GetDelegate>`;
const draft = (subject: string) =>
  `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>${subject}</t:Subject></t:Message></m:Items></m:CreateItem>`;

describe('documented response codes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  async function newDraft(subject: string): Promise<{ Id: string; ChangeKey: string }> {
    const reply = await h.call('alice', draft(subject));
    const { Id = '', ChangeKey = '' } = first(reply.doc, 'ItemId').attrs;
    return { Id, ChangeKey };
  }

  it('GetDelegate answers each UserId: the delegate, ErrorInvalidUserSid, ErrorDelegateNoUser, ErrorNotDelegate', async () => {
    const reply = await h.call(
      'alice',
      getDelegate(
        '<t:UserId><t:PrimarySmtpAddress>grace@contoso.test</t:PrimarySmtpAddress></t:UserId>' +
          '<t:UserId><t:SID>XXX</t:SID></t:UserId>' +
          '<t:UserId><t:SID>S-1-5-21-1004336348-1177238915-682003330-512</t:SID></t:UserId>' +
          '<t:UserId><t:PrimarySmtpAddress>foo@example.com</t:PrimarySmtpAddress></t:UserId>' +
          '<t:UserId><t:PrimarySmtpAddress>alice@contoso.test</t:PrimarySmtpAddress></t:UserId>' +
          '<t:UserId><t:PrimarySmtpAddress>bob@contoso.test</t:PrimarySmtpAddress></t:UserId>' +
          '<t:UserId><t:DisplayName>Nobody Here</t:DisplayName></t:UserId>' +
          '<t:UserId><t:DistinguishedUser>Default</t:DistinguishedUser></t:UserId>',
      ),
    );
    const response = first(reply.doc, 'GetDelegateResponse');
    expect(response.attrs.ResponseClass).toBe('Success');
    const messages = findAll(reply.doc, 'DelegateUserResponseMessageType');
    expect(messages.map((m) => first(m, 'ResponseCode').text)).toEqual([
      'NoError',
      'ErrorInvalidUserSid',
      'ErrorDelegateNoUser',
      'ErrorDelegateNoUser',
      'ErrorNotDelegate',
      'ErrorNotDelegate',
      'ErrorDelegateNoUser',
      'ErrorDistinguishedUserNotSupported',
    ]);
    expect(messages.map((m) => m.attrs.ResponseClass)).toEqual([
      'Success',
      ...Array<string>(7).fill('Error'),
    ]);
    expect(texts(messages[0]!, 'PrimarySmtpAddress')).toEqual(['grace@contoso.test']);
  });

  it('GetDelegate without UserIds still lists every delegate', async () => {
    const reply = await h.call('alice', `<m:GetDelegate IncludePermissions="false">${ALICE}</m:GetDelegate>`);
    expect(texts(reply.doc, 'PrimarySmtpAddress')).toEqual(['grace@contoso.test']);
  });

  it('a malformed attachment id is ErrorInvalidIdMalformed; a readable unknown one stays ErrorInvalidAttachmentId', async () => {
    const get = (id: string) =>
      `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${id}"/></m:AttachmentIds></m:GetAttachment>`;
    expect(texts((await h.call('alice', get('AAMk='))).doc, 'ResponseCode')).toEqual([
      'ErrorInvalidIdMalformed',
    ]);
    const del = await h.call(
      'alice',
      '<m:DeleteAttachment><m:AttachmentIds><t:AttachmentId Id="XXX"/></m:AttachmentIds></m:DeleteAttachment>',
    );
    expect(texts(del.doc, 'ResponseCode')).toEqual(['ErrorInvalidIdMalformed']);
    const { Id } = await newDraft('attachment id probe');
    // An item id is readable, but names no attachment.
    expect(texts((await h.call('alice', get(Id))).doc, 'ResponseCode')).toEqual(['ErrorInvalidAttachmentId']);
  });

  it('a ChangeKey that cannot be parsed is ErrorInvalidChangeKey for every operation reading the id; an absent or stale one is not', async () => {
    const items = await Promise.all([1, 2, 3, 4].map((n) => newDraft(`change key ${n}`)));
    const [a, b, c, d] = items as [
      (typeof items)[0],
      (typeof items)[0],
      (typeof items)[0],
      (typeof items)[0],
    ];
    // exchangelib's bulk_delete with changekey 'XXX' (its live-server test expects ErrorInvalidChangeKey).
    const deleted = await h.call(
      'alice',
      '<m:DeleteItem DeleteType="HardDelete"><m:ItemIds>' +
        `<t:ItemId Id="${a.Id}" ChangeKey="${a.ChangeKey}"/>` +
        `<t:ItemId Id="${b.Id}" ChangeKey="XXX"/>` +
        `<t:ItemId Id="${c.Id}"/>` +
        `<t:ItemId Id="${d.Id}" ChangeKey=""/>` +
        '</m:ItemIds></m:DeleteItem>',
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual([
      'NoError',
      'ErrorInvalidChangeKey',
      'NoError',
      'ErrorInvalidChangeKey',
    ]);
    const getItem = (attrs: string) =>
      `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId ${attrs}/></m:ItemIds></m:GetItem>`;
    // Base64 that is not the current key: GetItem does not compare keys.
    expect(
      texts((await h.call('alice', getItem(`Id="${b.Id}" ChangeKey="AAAA"`))).doc, 'ResponseCode'),
    ).toEqual(['NoError']);
    expect(
      texts((await h.call('alice', getItem(`Id="${b.Id}" ChangeKey="not base64!"`))).doc, 'ResponseCode'),
    ).toEqual(['ErrorInvalidChangeKey']);
    // Folder ids too (the UpdateFolder reference page's error example).
    const folders = await h.call(
      'alice',
      '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
    );
    const inbox = first(folders.doc, 'FolderId').attrs.Id;
    const folder = await h.call(
      'alice',
      `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:FolderId Id="${inbox}" ChangeKey="A"/></m:FolderIds></m:GetFolder>`,
    );
    expect(texts(folder.doc, 'ResponseCode')).toEqual(['ErrorInvalidChangeKey']);
  });

  it('UpdateItem: a stale but well-formed ChangeKey conflicts under NeverOverwrite; a malformed one is ErrorInvalidChangeKey', async () => {
    const item = await newDraft('conflict probe');
    const update = (resolution: string, changeKey: string) =>
      `<m:UpdateItem MessageDisposition="SaveOnly" ConflictResolution="${resolution}"><m:ItemChanges><t:ItemChange>` +
      `<t:ItemId Id="${item.Id}" ChangeKey="${changeKey}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Subject"/>` +
      '<t:Message><t:Subject>changed</t:Subject></t:Message></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>';
    expect(texts((await h.call('alice', update('NeverOverwrite', 'AAAA'))).doc, 'ResponseCode')).toEqual([
      'ErrorIrresolvableConflict',
    ]);
    expect(texts((await h.call('alice', update('AlwaysOverwrite', '%%%'))).doc, 'ResponseCode')).toEqual([
      'ErrorInvalidChangeKey',
    ]);
    expect(
      texts((await h.call('alice', update('NeverOverwrite', item.ChangeKey))).doc, 'ResponseCode'),
    ).toEqual(['NoError']);
  });

  it('meeting answers and cancellations without ReferenceItemId are ErrorMissingInformationReferenceItemId', async () => {
    for (const name of ['AcceptItem', 'TentativelyAcceptItem', 'DeclineItem', 'CancelCalendarItem']) {
      const reply = await h.call(
        'alice',
        `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:${name}/></m:Items></m:CreateItem>`,
      );
      expect(texts(reply.doc, 'ResponseCode'), name).toEqual(['ErrorMissingInformationReferenceItemId']);
    }
  });

  it('a subscription id the server cannot read is ErrorInvalidSubscription; a readable unknown one ErrorSubscriptionNotFound', async () => {
    const unsubscribe = (id: string) =>
      `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`;
    const getEvents = (id: string) =>
      `<m:GetEvents><m:SubscriptionId>${id}</m:SubscriptionId><m:Watermark>AAAA</m:Watermark></m:GetEvents>`;
    for (const id of ['AAA-', 'XXX', 'AAAA', Buffer.from('ews-test-subscription:x').toString('base64')]) {
      expect(texts((await h.call('alice', unsubscribe(id))).doc, 'ResponseCode'), id).toEqual([
        'ErrorInvalidSubscription',
      ]);
      expect(texts((await h.call('alice', getEvents(id))).doc, 'ResponseCode'), id).toEqual([
        'ErrorInvalidSubscription',
      ]);
    }
    const unknown = Buffer.from('ews-test-subscription:999999').toString('base64');
    expect(texts((await h.call('alice', unsubscribe(unknown))).doc, 'ResponseCode')).toEqual([
      'ErrorSubscriptionNotFound',
    ]);
  });

  it('GetStreamingEvents lists unreadable subscription ids under ErrorInvalidSubscription', async () => {
    const subscribed = await h.call(
      'alice',
      '<m:Subscribe><m:StreamingSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="inbox"/></t:FolderIds>' +
        '<t:EventTypes><t:EventType>NewMailEvent</t:EventType></t:EventTypes></m:StreamingSubscriptionRequest></m:Subscribe>',
    );
    const good = first(subscribed.doc, 'SubscriptionId').text;
    const reply = await h.call(
      'alice',
      '<m:GetStreamingEvents><m:SubscriptionIds>' +
        `<t:SubscriptionId>AAA-</t:SubscriptionId><t:SubscriptionId>${good}</t:SubscriptionId>` +
        '</m:SubscriptionIds><m:ConnectionTimeout>1</m:ConnectionTimeout></m:GetStreamingEvents>',
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorInvalidSubscription']);
    expect(texts(first(reply.doc, 'ErrorSubscriptionIds'), 'SubscriptionId')).toEqual(['AAA-']);
    await h.call('alice', `<m:Unsubscribe><m:SubscriptionId>${good}</m:SubscriptionId></m:Unsubscribe>`);
  });

  it('an unknown element as the request body is an ErrorInvalidRequest fault, with or without schema validation', async () => {
    const plain = await startTestServer({});
    try {
      for (const url of [h.server.url, plain.url]) {
        for (const body of ['<XXX/>', '<m:FrobnicateItem/>']) {
          const reply = await post(url, envelope(body), {
            user: 'alice@contoso.test',
            password: 'Alice-Demo-2016!',
          });
          h.log.responses.push({ name: `unknown ${body}`, xml: reply.body });
          expect(reply.status).toBe(500);
          expect(reply.body).toContain('>a:ErrorInvalidRequest</faultcode>');
          expect(reply.body).toContain('>ErrorInvalidRequest</');
        }
      }
    } finally {
      await plain.close();
    }
    // Inside a known operation an unknown element still breaks the schema.
    const inner = await post(
      h.server.url,
      envelope(
        '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:Bogus/></m:FolderIds></m:GetFolder>',
      ),
      { user: 'alice@contoso.test', password: 'Alice-Demo-2016!' },
    );
    expect(inner.body).toContain('ErrorSchemaValidation');
  });
});

describe('the request elements Exchange dispatches', () => {
  it('are exactly the WSDL input messages’ elements (a drift check against services.wsdl)', () => {
    const wsdl = readFileSync(join(schemaDir, 'services.wsdl'), 'utf8');
    const inputs = [...wsdl.matchAll(/<wsdl:part\s+name="request"\s+element="tns:(\w+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(inputs.length).toBeGreaterThan(100);
    expect(inputs.filter((name) => !isEwsRequestElement(name))).toEqual([]);
    expect(isEwsRequestElement('XXX')).toBe(false);
  });
});
