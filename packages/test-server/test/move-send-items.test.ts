import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first, type Harness, startHarness, texts } from './support/harness.js';

const distinguished = (id: string, mailbox?: string) =>
  mailbox === undefined
    ? `<t:DistinguishedFolderId Id="${id}"/>`
    : `<t:DistinguishedFolderId Id="${id}"><t:Mailbox><t:EmailAddress>${mailbox}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>`;
const draft = (subject: string, to: string[]) =>
  '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message>' +
  `<t:Subject>${subject}</t:Subject><t:Body BodyType="Text">Hello</t:Body>` +
  (to.length
    ? `<t:ToRecipients>${to.map((a) => `<t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox>`).join('')}</t:ToRecipients>`
    : '') +
  '</t:Message></m:Items></m:CreateItem>';
const subjectsIn = (folder: string) =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>` +
  `<m:ParentFolderIds>${folder}</m:ParentFolderIds></m:FindItem>`;
const moveOrCopy = (op: 'MoveItem' | 'CopyItem', id: string, to: string) =>
  `<m:${op}><m:ToFolderId>${to}</m:ToFolderId><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:${op}>`;

describe('MoveItem, CopyItem and SendItem', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  async function createDraft(user: string, subject: string, to: string[] = []): Promise<string> {
    const reply = await h.call(user, draft(subject, to));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    return first(reply.doc, 'ItemId').attrs.Id ?? '';
  }

  it('MoveItem gives the item a new id in the target folder; the old id is gone', async () => {
    const id = await createDraft('alice', 'to be moved');
    const moved = await h.call('alice', moveOrCopy('MoveItem', id, distinguished('inbox')));
    expect(texts(moved.doc, 'ResponseCode')).toEqual(['NoError']);
    const newId = first(moved.doc, 'ItemId').attrs.Id;
    expect(newId).toBeDefined();
    expect(newId).not.toBe(id);
    expect(texts((await h.call('alice', subjectsIn(distinguished('inbox')))).doc, 'Subject')).toEqual([
      'to be moved',
    ]);
    expect(texts((await h.call('alice', subjectsIn(distinguished('drafts')))).doc, 'Subject')).toEqual([]);
    const old = await h.call(
      'alice',
      `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
    );
    expect(texts(old.doc, 'ResponseCode')).toEqual(['ErrorItemNotFound']);
    const missingTarget = await h.call(
      'alice',
      moveOrCopy('MoveItem', newId ?? '', distinguished('inbox', 'nobody@contoso.test')),
    );
    expect(texts(missingTarget.doc, 'ResponseCode')).toEqual(['ErrorNonExistentMailbox']);
  });

  it('CopyItem keeps the original; copying into a mailbox without access is denied', async () => {
    const id = await createDraft('alice', 'to be copied');
    const copied = await h.call('alice', moveOrCopy('CopyItem', id, distinguished('deleteditems')));
    expect(texts(copied.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(texts((await h.call('alice', subjectsIn(distinguished('drafts')))).doc, 'Subject')).toContain(
      'to be copied',
    );
    expect(texts((await h.call('alice', subjectsIn(distinguished('deleteditems')))).doc, 'Subject')).toEqual([
      'to be copied',
    ]);
    const denied = await h.call(
      'alice',
      moveOrCopy('CopyItem', id, distinguished('inbox', 'bob@contoso.test')),
    );
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
    const noReturn = await h.call(
      'alice',
      `<m:CopyItem><m:ToFolderId>${distinguished('drafts')}</m:ToFolderId><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds><m:ReturnNewItemIds>false</m:ReturnNewItemIds></m:CopyItem>`,
    );
    expect(texts(noReturn.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(texts(noReturn.doc, 'ItemId')).toEqual([]);
  });

  it('SendItem delivers a draft to the recipients and files it in Sent Items', async () => {
    const id = await createDraft('carol', 'Lunch on Friday?', ['dave@contoso.test', 'erin@contoso.test']);
    const sent = await h.call(
      'carol',
      `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:SendItem>`,
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
    for (const user of ['dave', 'erin']) {
      const inbox = await h.call(user, subjectsIn(distinguished('inbox')));
      expect(texts(inbox.doc, 'Subject')).toEqual(['Lunch on Friday?']);
      expect(texts(inbox.doc, 'IsRead')).toEqual(['false']);
      expect(first(inbox.doc, 'From').children.length).toBeGreaterThan(0);
    }
    expect(texts((await h.call('carol', subjectsIn(distinguished('sentitems')))).doc, 'Subject')).toEqual([
      'Lunch on Friday?',
    ]);
    expect(texts((await h.call('carol', subjectsIn(distinguished('drafts')))).doc, 'Subject')).toEqual([]);

    const unsaved = await createDraft('carol', 'Not kept', ['dave@contoso.test']);
    await h.call(
      'carol',
      `<m:SendItem SaveItemToFolder="false"><m:ItemIds><t:ItemId Id="${unsaved}"/></m:ItemIds></m:SendItem>`,
    );
    expect(texts((await h.call('carol', subjectsIn(distinguished('sentitems')))).doc, 'Subject')).toEqual([
      'Lunch on Friday?',
    ]);
    expect(texts((await h.call('dave', subjectsIn(distinguished('inbox')))).doc, 'Subject')).toContain(
      'Not kept',
    );

    const noRecipients = await createDraft('carol', 'Nobody');
    const refused = await h.call(
      'carol',
      `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${noRecipients}"/></m:ItemIds></m:SendItem>`,
    );
    expect(texts(refused.doc, 'ResponseCode')).toEqual(['ErrorInvalidRecipients']);
  });
});
