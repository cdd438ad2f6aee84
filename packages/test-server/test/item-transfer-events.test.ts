import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '../src/xml/xml-tree.js';
import { first, type Harness, startHarness, texts } from './support/harness.js';

// Moves and copies are reported from what the operations recorded (old id → new id), not guessed
// by comparing item contents.

const allFolders =
  '<m:Subscribe><m:PullSubscriptionRequest SubscribeToAllFolders="true"><t:EventTypes>' +
  ['NewMailEvent', 'CreatedEvent', 'ModifiedEvent', 'DeletedEvent', 'MovedEvent', 'CopiedEvent']
    .map((t) => `<t:EventType>${t}</t:EventType>`)
    .join('') +
  '</t:EventTypes><t:Timeout>10</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>';
const getEvents = (id: string, watermark: string) =>
  `<m:GetEvents><m:SubscriptionId>${id}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`;
const unsubscribe = (id: string) =>
  `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`;
const saveIn = (folder: string, subject: string) =>
  `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId>${folder}</m:SavedItemFolderId>` +
  `<m:Items><t:Message><t:Subject>${subject}</t:Subject></t:Message></m:Items></m:CreateItem>`;
const distinguished = (id: string) => `<t:DistinguishedFolderId Id="${id}"/>`;
const events = (doc: XmlElement) =>
  first(doc, 'Notification').children.filter((c) => c.name.endsWith('Event') && c.name !== 'StatusEvent');
const folderIdOf = async (h: Harness, id: string) => {
  const got = await h.call(
    'alice',
    `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>${distinguished(id)}</m:FolderIds></m:GetFolder>`,
  );
  return first(got.doc, 'FolderId').attrs.Id ?? '';
};

describe('move and copy events from what the operations recorded', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  async function subscribeAll(): Promise<{ id: string; watermark: string }> {
    const subscribed = await h.call('alice', allFolders);
    return {
      id: first(subscribed.doc, 'SubscriptionId').text,
      watermark: first(subscribed.doc, 'Watermark').text,
    };
  }

  it('CopyItem of a copy names the copy it was made from, not the identical original', async () => {
    const copyItem = (id: string, to: string) =>
      `<m:CopyItem><m:ToFolderId>${distinguished(to)}</m:ToFolderId><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:CopyItem>`;
    const made = await h.call('alice', saveIn(distinguished('drafts'), 'twin'));
    const original = first(made.doc, 'ItemId').attrs.Id ?? '';
    // The first copy has exactly the original's content, in another folder.
    const firstCopy = first(
      first((await h.call('alice', copyItem(original, 'inbox'))).doc, 'Items'),
      'ItemId',
    ).attrs.Id;
    const sub = await subscribeAll();
    const copied = await h.call('alice', copyItem(firstCopy ?? '', 'drafts'));
    const secondCopy = first(first(copied.doc, 'Items'), 'ItemId').attrs.Id;
    const got = events((await h.call('alice', getEvents(sub.id, sub.watermark))).doc);
    expect(got.map((e) => e.name)).toEqual(['CopiedEvent']);
    const [copy] = got;
    if (copy === undefined) throw new Error('no CopiedEvent');
    expect(first(copy, 'ItemId').attrs.Id).toBe(secondCopy);
    expect(first(copy, 'OldItemId').attrs.Id).toBe(firstCopy);
    expect(first(copy, 'OldParentFolderId').attrs.Id).toBe(await folderIdOf(h, 'inbox'));
    expect(first(copy, 'ParentFolderId').attrs.Id).toBe(await folderIdOf(h, 'drafts'));
    await h.call('alice', unsubscribe(sub.id));
  });

  it('MarkAsJunk with MoveItem reports a MovedEvent from the Inbox to Junk Email under the new id', async () => {
    await h.call(
      'bob',
      '<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:Message><t:Subject>spam?</t:Subject>' +
        '<t:ToRecipients><t:Mailbox><t:EmailAddress>alice@contoso.test</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>',
    );
    const found = await h.call(
      'alice',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        `<m:ParentFolderIds>${distinguished('inbox')}</m:ParentFolderIds></m:FindItem>`,
    );
    const original = first(found.doc, 'ItemId').attrs.Id ?? '';
    const sub = await subscribeAll();
    const junked = await h.call(
      'alice',
      `<m:MarkAsJunk IsJunk="true" MoveItem="true"><m:ItemIds><t:ItemId Id="${original}"/></m:ItemIds></m:MarkAsJunk>`,
    );
    expect(texts(junked.doc, 'ResponseCode')).toEqual(['NoError']);
    const newId = first(junked.doc, 'MovedItemId').attrs.Id;
    const got = events((await h.call('alice', getEvents(sub.id, sub.watermark))).doc);
    expect(got.map((e) => e.name)).toEqual(['MovedEvent']);
    const [move] = got;
    if (move === undefined) throw new Error('no MovedEvent');
    expect(first(move, 'ItemId').attrs.Id).toBe(newId);
    expect(first(move, 'OldItemId').attrs.Id).toBe(original);
    expect(first(move, 'OldParentFolderId').attrs.Id).toBe(await folderIdOf(h, 'inbox'));
    expect(first(move, 'ParentFolderId').attrs.Id).toBe(await folderIdOf(h, 'junkemail'));
    await h.call('alice', unsubscribe(sub.id));
  });

  it('CopyFolder reports the new folder and a CopiedEvent for each item copied with it', async () => {
    const made = await h.call(
      'alice',
      `<m:CreateFolder><m:ParentFolderId>${distinguished('inbox')}</m:ParentFolderId>` +
        '<m:Folders><t:Folder><t:DisplayName>Quarter</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>',
    );
    const folderId = first(first(made.doc, 'Folders'), 'FolderId').attrs.Id ?? '';
    const saved = await h.call('alice', saveIn(`<t:FolderId Id="${folderId}"/>`, 'figures'));
    const itemId = first(saved.doc, 'ItemId').attrs.Id;
    const sub = await subscribeAll();
    const copied = await h.call(
      'alice',
      `<m:CopyFolder><m:ToFolderId>${distinguished('drafts')}</m:ToFolderId><m:FolderIds><t:FolderId Id="${folderId}"/></m:FolderIds></m:CopyFolder>`,
    );
    const copyFolderId = first(first(copied.doc, 'Folders'), 'FolderId').attrs.Id;
    const got = events((await h.call('alice', getEvents(sub.id, sub.watermark))).doc);
    expect(got.map((e) => e.name)).toEqual(['CopiedEvent', 'CreatedEvent']);
    const [copy, created] = got;
    if (copy === undefined || created === undefined) throw new Error('events missing');
    expect(first(copy, 'OldItemId').attrs.Id).toBe(itemId);
    expect(first(copy, 'OldParentFolderId').attrs.Id).toBe(folderId);
    expect(first(copy, 'ParentFolderId').attrs.Id).toBe(copyFolderId);
    expect(first(copy, 'ItemId').attrs.Id).not.toBe(itemId);
    expect(first(created, 'FolderId').attrs.Id).toBe(copyFolderId);
    await h.call('alice', unsubscribe(sub.id));
  });
});
