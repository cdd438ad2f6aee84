import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotItem } from '../src/index.js';
import { first, type Harness, startHarness, texts } from './support/harness.js';
import { folderItems } from './support/snapshot-views.js';

const mailboxes = (addresses: readonly string[]) =>
  addresses.map((a) => `<t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox>`).join('');
const respond = (element: string, refId: string, disposition: string | undefined, inside = '', after = '') =>
  `<m:CreateItem${disposition === undefined ? '' : ` MessageDisposition="${disposition}"`}><m:Items>` +
  `<t:${element}>${inside}<t:ReferenceItemId Id="${refId}"/>${after}</t:${element}></m:Items></m:CreateItem>`;
const newBody = (text: string, type = 'Text') =>
  `<t:NewBodyContent BodyType="${type}">${text}</t:NewBodyContent>`;
const inboxIds =
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>';

const addresses = (people: readonly { address: string }[] | undefined) =>
  (people ?? []).map((p) => p.address);

describe('ReplyToItem, ReplyAllToItem and ForwardItem', () => {
  let h: Harness;
  /** The message alice sent to bob (To) and carol (Cc), as each received it. */
  const received = new Map<string, string>();

  async function items(address: string, folder: string): Promise<SnapshotItem[]> {
    return folderItems(h.server.snapshot().mailbox(address), folder);
  }
  async function only(address: string, folder: string, subject: string): Promise<SnapshotItem> {
    const found = (await items(address, folder)).filter((i) => i.subject === subject);
    expect(found, `${subject} in ${address}'s ${folder}`).toHaveLength(1);
    return found[0]!;
  }

  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
    const sent = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:Message>' +
        '<t:Subject>Plan</t:Subject><t:Body BodyType="Text">Original body</t:Body>' +
        `<t:ToRecipients>${mailboxes(['bob@contoso.test'])}</t:ToRecipients>` +
        `<t:CcRecipients>${mailboxes(['carol@contoso.test'])}</t:CcRecipients>` +
        '</t:Message></m:Items></m:CreateItem>',
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
    for (const user of ['bob', 'carol']) {
      const inbox = await h.call(user, inboxIds);
      received.set(user, first(inbox.doc, 'ItemId').attrs.Id ?? '');
    }
  });
  afterAll(async () => {
    await h.finish();
  });

  it('reply (SendAndSaveCopy) goes to the sender only, new text above the quoted original; a copy stays in Sent Items', async () => {
    const reply = await h.call(
      'bob',
      respond('ReplyToItem', received.get('bob') ?? '', 'SendAndSaveCopy', '', newBody('Sounds good')),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(reply.doc, 'Items').children).toEqual([]);

    const got = await only('alice@contoso.test', 'inbox', 'RE: Plan');
    expect(got.kind).toBe('Message');
    expect(got.message?.from?.address).toBe('bob@contoso.test');
    expect(addresses(got.message?.to)).toEqual(['alice@contoso.test']);
    expect(addresses(got.message?.cc)).toEqual([]);
    expect(got.message?.isRead).toBe(false);
    expect(got.bodyType).toBe('Text');
    expect(got.body.startsWith('Sounds good\r\n')).toBe(true);
    expect(got.body).toContain('From: Alice Adams');
    expect(got.body).toContain('Cc: Carol Chen');
    expect(got.body.endsWith('Original body')).toBe(true);
    expect(got.body.indexOf('Sounds good')).toBeLessThan(got.body.indexOf('Original body'));

    const copy = await only('bob@contoso.test', 'sentitems', 'RE: Plan');
    expect(copy.message?.isDraft).toBe(false);
    expect(copy.body).toBe(got.body);
    expect((await items('carol@contoso.test', 'inbox')).map((i) => i.subject)).toEqual(['Plan']);
  });

  it('reply-all (SendOnly) goes to sender, To and Cc minus yourself, keeps no copy', async () => {
    const reply = await h.call(
      'carol',
      respond('ReplyAllToItem', received.get('carol') ?? '', 'SendOnly', '', newBody('Count me in')),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    for (const address of ['alice@contoso.test', 'bob@contoso.test']) {
      const got = (await items(address, 'inbox')).filter(
        (i) => i.subject === 'RE: Plan' && i.message?.from?.address === 'carol@contoso.test',
      );
      expect(got, address).toHaveLength(1);
      expect(addresses(got[0]?.message?.to)).toEqual(['alice@contoso.test', 'bob@contoso.test']);
      expect(addresses(got[0]?.message?.cc)).toEqual([]);
    }
    expect(await items('carol@contoso.test', 'sentitems')).toEqual([]);
    expect(await items('carol@contoso.test', 'drafts')).toEqual([]);
  });

  it('forward (SaveOnly) leaves a draft with the original attachments and returns its id; SendItem delivers it', async () => {
    const bobsCopy = received.get('bob') ?? '';
    const attached = await h.call(
      'bob',
      `<m:CreateAttachment><m:ParentItemId Id="${bobsCopy}"/><m:Attachments>` +
        '<t:FileAttachment><t:Name>plan.txt</t:Name><t:Content>cGxhbg==</t:Content></t:FileAttachment>' +
        '</m:Attachments></m:CreateAttachment>',
    );
    expect(texts(attached.doc, 'ResponseCode')).toEqual(['NoError']);
    const reference = first(attached.doc, 'AttachmentId').attrs.RootItemId ?? '';
    const saved = await h.call(
      'bob',
      respond(
        'ForwardItem',
        reference,
        'SaveOnly',
        `<t:ToRecipients>${mailboxes(['dave@contoso.test'])}</t:ToRecipients>`,
        newBody('&lt;p&gt;FYI &lt;b&gt;Dave&lt;/b&gt;&lt;/p&gt;', 'HTML'),
      ),
    );
    expect(texts(saved.doc, 'ResponseCode')).toEqual(['NoError']);
    const returned = first(saved.doc, 'Items').children;
    expect(returned.map((c) => c.name)).toEqual(['Message']);
    const draftId = first(saved.doc, 'ItemId').attrs.Id ?? '';

    const draft = await only('bob@contoso.test', 'drafts', 'FW: Plan');
    expect(draft.id).toBe(draftId);
    expect(draft.message?.isDraft).toBe(true);
    expect(addresses(draft.message?.to)).toEqual(['dave@contoso.test']);
    expect(draft.bodyType).toBe('HTML');
    expect(draft.body).toMatch(/<body><p>FYI <b>Dave<\/b><\/p><hr[^>]*>.*Original body<\/body>/);
    expect(draft.attachments.map((a) => a.name)).toEqual(['plan.txt']);
    expect(await items('dave@contoso.test', 'inbox')).toEqual([]);

    const sent = await h.call(
      'bob',
      `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${draftId}"/></m:ItemIds></m:SendItem>`,
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
    const got = await only('dave@contoso.test', 'inbox', 'FW: Plan');
    expect(got.attachments.map((a) => a.name)).toEqual(['plan.txt']);
    expect(got.message?.from?.address).toBe('bob@contoso.test');
  });

  it('an explicit Subject wins, Bcc recipients receive it too, and RE: is not repeated', async () => {
    const reply = await h.call(
      'bob',
      respond(
        'ReplyToItem',
        received.get('bob') ?? '',
        'SendOnly',
        `<t:Subject>Custom subject</t:Subject><t:BccRecipients>${mailboxes(['erin@contoso.test'])}</t:BccRecipients>`,
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    const atAlice = await only('alice@contoso.test', 'inbox', 'Custom subject');
    const atErin = await only('erin@contoso.test', 'inbox', 'Custom subject');
    // Bcc stays hidden: the delivered copies name only the visible recipients.
    expect(addresses(atErin.message?.to)).toEqual(['alice@contoso.test']);
    expect(addresses(atAlice.message?.to)).toEqual(['alice@contoso.test']);
    // With no new text the body is the header and the quoted original.
    expect(atAlice.body.startsWith('________________________________\r\nFrom: Alice Adams')).toBe(true);

    const rePlan = (await items('alice@contoso.test', 'inbox')).find(
      (i) => i.subject === 'RE: Plan' && i.message?.from?.address === 'bob@contoso.test',
    );
    const again = await h.call('alice', respond('ReplyToItem', rePlan?.id ?? '', 'SendOnly'));
    expect(texts(again.doc, 'ResponseCode')).toEqual(['NoError']);
    expect((await items('bob@contoso.test', 'inbox')).map((i) => i.subject).sort()).toEqual([
      'Plan',
      'RE: Plan',
      'RE: Plan',
    ]);
  });

  it('refuses a forward without recipients, an unknown reference item and a missing MessageDisposition', async () => {
    const bobsCopy = received.get('bob') ?? '';
    const noOne = await h.call('bob', respond('ForwardItem', bobsCopy, 'SendAndSaveCopy'));
    expect(texts(noOne.doc, 'ResponseCode')).toEqual(['ErrorInvalidRecipients']);

    const made = await h.call(
      'bob',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>gone</t:Subject>' +
        '</t:Message></m:Items></m:CreateItem>',
    );
    const goneId = first(made.doc, 'ItemId').attrs.Id ?? '';
    const deleted = await h.call(
      'bob',
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${goneId}"/></m:ItemIds></m:DeleteItem>`,
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    for (const element of ['ReplyToItem', 'ReplyAllToItem', 'ForwardItem']) {
      const missing = await h.call(
        'bob',
        respond(
          element,
          goneId,
          'SendOnly',
          `<t:ToRecipients>${mailboxes(['dave@contoso.test'])}</t:ToRecipients>`,
        ),
      );
      expect(texts(missing.doc, 'ResponseCode')).toEqual(['ErrorItemNotFound']);
    }
    const noDisposition = await h.call('bob', respond('ReplyToItem', bobsCopy, undefined));
    expect(texts(noDisposition.doc, 'ResponseCode')).toEqual(['ErrorMessageDispositionRequired']);
    // Nothing of the refused attempts was delivered or kept.
    expect((await items('dave@contoso.test', 'inbox')).map((i) => i.subject)).toEqual(['FW: Plan']);
    expect((await items('bob@contoso.test', 'drafts')).map((i) => i.subject)).toEqual([]);
  });
});
