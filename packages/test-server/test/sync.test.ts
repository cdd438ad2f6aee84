import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const syncItems = (folder: string, state: string | undefined, max: number) =>
  `<m:SyncFolderItems><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>` +
  `<m:SyncFolderId><t:DistinguishedFolderId Id="${folder}"/></m:SyncFolderId>` +
  (state === undefined ? '' : `<m:SyncState>${state}</m:SyncState>`) +
  `<m:MaxChangesReturned>${max}</m:MaxChangesReturned></m:SyncFolderItems>`;
const syncHierarchy = (state?: string) =>
  '<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
  '<m:SyncFolderId><t:DistinguishedFolderId Id="msgfolderroot"/></m:SyncFolderId>' +
  (state === undefined ? '' : `<m:SyncState>${state}</m:SyncState>`) +
  '</m:SyncFolderHierarchy>';
const kinds = (doc: Parameters<typeof findAll>[0]) => first(doc, 'Changes').children.map((c) => c.name);

describe('SyncFolderItems and SyncFolderHierarchy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('pages the initial sync, then reports exactly the later create, update and delete', async () => {
    const page1 = await h.call('alice', syncItems('inbox', undefined, 5));
    expect(texts(page1.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(kinds(page1.doc)).toEqual(Array(5).fill('Create'));
    expect(first(page1.doc, 'IncludesLastItemInRange').text).toBe('false');
    let state = first(page1.doc, 'SyncState').text;
    let created = 5;
    for (let round = 0; round < 5; round += 1) {
      const page = await h.call('alice', syncItems('inbox', state, 5));
      created += kinds(page.doc).length;
      state = first(page.doc, 'SyncState').text;
      if (first(page.doc, 'IncludesLastItemInRange').text === 'true') break;
    }
    expect(created).toBe(12);
    const quiet = await h.call('alice', syncItems('inbox', state, 5));
    expect(kinds(quiet.doc)).toEqual([]);
    expect(first(quiet.doc, 'IncludesLastItemInRange').text).toBe('true');

    const ids = findAll(page1.doc, 'ItemId').map((e) => e.attrs);
    await h.call(
      'alice',
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange><t:ItemId Id="${ids[0]?.Id}"/>` +
        '<t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:Message><t:Subject>edited</t:Subject></t:Message></t:SetItemField></t:Updates>' +
        '</t:ItemChange></m:ItemChanges></m:UpdateItem>',
    );
    await h.call(
      'alice',
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${ids[1]?.Id}"/></m:ItemIds></m:DeleteItem>`,
    );
    await h.call(
      'bob',
      '<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:Message><t:Subject>fresh</t:Subject>' +
        '<t:ToRecipients><t:Mailbox><t:EmailAddress>alice@contoso.test</t:EmailAddress></t:Mailbox></t:ToRecipients>' +
        '</t:Message></m:Items></m:CreateItem>',
    );
    const delta = await h.call('alice', syncItems('inbox', state, 100));
    expect(kinds(delta.doc)).toEqual(['Update', 'Create', 'Delete']);
    const changes = first(delta.doc, 'Changes');
    expect(first(changes.children[0]!, 'Subject').text).toBe('edited');
    expect(first(changes.children[1]!, 'Subject').text).toBe('fresh');
    expect(first(changes.children[2]!, 'ItemId').attrs.Id).toBe(ids[1]?.Id);
  });

  it('refuses a foreign or corrupt sync state', async () => {
    const inbox = await h.call('alice', syncItems('inbox', undefined, 1));
    const state = first(inbox.doc, 'SyncState').text;
    const wrongFolder = await h.call('alice', syncItems('drafts', state, 1));
    expect(texts(wrongFolder.doc, 'ResponseCode')).toEqual(['ErrorInvalidSyncStateData']);
    const corrupt = await h.call('alice', syncItems('inbox', 'bm90IGEgc3RhdGU=', 1));
    expect(texts(corrupt.doc, 'ResponseCode')).toEqual(['ErrorInvalidSyncStateData']);
  });

  it('reports new, renamed and deleted folders', async () => {
    const initial = await h.call('carol', syncHierarchy());
    const names = texts(initial.doc, 'DisplayName');
    expect(names).toEqual(expect.arrayContaining(['Inbox', 'Calendar', 'Deleted Items']));
    expect(kinds(initial.doc).every((k) => k === 'Create')).toBe(true);
    const state = first(initial.doc, 'SyncState').text;

    const created = await h.call(
      'carol',
      '<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderId>' +
        '<m:Folders><t:Folder><t:DisplayName>Receipts</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>',
    );
    const newId = first(created.doc, 'FolderId').attrs.Id;
    const delta = await h.call('carol', syncHierarchy(state));
    expect(kinds(delta.doc)).toEqual(['Create']);
    expect(texts(delta.doc, 'DisplayName')).toEqual(['Receipts']);

    await h.call(
      'carol',
      `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds><t:FolderId Id="${newId}"/></m:FolderIds></m:DeleteFolder>`,
    );
    const afterDelete = await h.call('carol', syncHierarchy(first(delta.doc, 'SyncState').text));
    expect(kinds(afterDelete.doc)).toEqual(['Delete']);
    expect(first(afterDelete.doc, 'FolderId').attrs.Id).toBe(newId);
  });
});
