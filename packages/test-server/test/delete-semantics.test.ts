import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// "Deleting items by using EWS in Exchange": MoveToDeletedItems → Deleted Items, SoftDelete → the
// dumpster's Deletions folder (Exchange 2010 and later move at once), HardDelete → gone. Exchange's
// item ids name their folder, so an item moved by a delete has a new id (the old one is not found).
const createDraft = (subject: string) =>
  `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>${subject}</t:Subject></t:Message></m:Items></m:CreateItem>`;
const deleteItem = (id: string, type: string) =>
  `<m:DeleteItem DeleteType="${type}"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`;
const findIn = (folder: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
  `<m:ParentFolderIds><t:DistinguishedFolderId Id="${folder}"/></m:ParentFolderIds></m:FindItem>`;
const getItem = (id: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

describe('delete semantics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  const draft = async (subject: string) =>
    first((await h.call('alice', createDraft(subject))).doc, 'ItemId').attrs.Id ?? '';
  const idsIn = async (folder: string, subject: string) => {
    const reply = await h.call('alice', findIn(folder));
    return findAll(reply.doc, 'Message')
      .filter((m) => texts(m, 'Subject')[0] === subject)
      .map((m) => first(m, 'ItemId').attrs.Id);
  };

  it('MoveToDeletedItems puts the item in Deleted Items under a new id', async () => {
    const id = await draft('to the bin');
    expect(texts((await h.call('alice', deleteItem(id, 'MoveToDeletedItems'))).doc, 'ResponseCode')).toEqual([
      'NoError',
    ]);
    const moved = await idsIn('deleteditems', 'to the bin');
    expect(moved).toHaveLength(1);
    expect(moved[0]).not.toBe(id);
    expect(texts((await h.call('alice', getItem(id))).doc, 'ResponseCode')).toEqual(['ErrorItemNotFound']);
    expect(texts((await h.call('alice', getItem(moved[0] ?? ''))).doc, 'ResponseCode')).toEqual(['NoError']);
  });

  it('SoftDelete moves the item to Recoverable Items\\Deletions; HardDelete removes it', async () => {
    const soft = await draft('soft one');
    await h.call('alice', deleteItem(soft, 'SoftDelete'));
    expect(await idsIn('drafts', 'soft one')).toEqual([]);
    const recovered = await idsIn('recoverableitemsdeletions', 'soft one');
    expect(recovered).toHaveLength(1);
    expect(recovered[0]).not.toBe(soft);

    const hard = await draft('hard one');
    await h.call('alice', deleteItem(hard, 'HardDelete'));
    for (const folder of ['drafts', 'deleteditems', 'recoverableitemsdeletions', 'recoverableitemspurges']) {
      expect(await idsIn(folder, 'hard one'), folder).toEqual([]);
    }
  });

  it('deleting from Deleted Items soft-deletes into the dumpster', async () => {
    const id = await draft('twice');
    await h.call('alice', deleteItem(id, 'MoveToDeletedItems'));
    const [inBin] = await idsIn('deleteditems', 'twice');
    await h.call('alice', deleteItem(inBin ?? '', 'MoveToDeletedItems'));
    expect(await idsIn('deleteditems', 'twice')).toEqual([]);
    expect(await idsIn('recoverableitemsdeletions', 'twice')).toHaveLength(1);
  });

  it('DeleteFolder: MoveToDeletedItems and SoftDelete move the folder (same id) with its items; HardDelete removes it', async () => {
    const make = async (name: string) => {
      const reply = await h.call(
        'alice',
        `<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderId><m:Folders><t:Folder><t:DisplayName>${name}</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>`,
      );
      return first(reply.doc, 'FolderId').attrs.Id ?? '';
    };
    const parentOf = async (id: string) => {
      const reply = await h.call(
        'alice',
        '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="folder:ParentFolderId"/></t:AdditionalProperties></m:FolderShape>' +
          `<m:FolderIds><t:FolderId Id="${id}"/></m:FolderIds></m:GetFolder>`,
      );
      return texts(reply.doc, 'ResponseCode')[0] === 'NoError'
        ? first(reply.doc, 'ParentFolderId').attrs.Id
        : 'gone';
    };
    const folderIdOf = async (distinguished: string) => {
      const reply = await h.call(
        'alice',
        `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="${distinguished}"/></m:FolderIds></m:GetFolder>`,
      );
      return first(reply.doc, 'FolderId').attrs.Id;
    };
    const deleteFolder = (id: string, type: string) =>
      h.call(
        'alice',
        `<m:DeleteFolder DeleteType="${type}"><m:FolderIds><t:FolderId Id="${id}"/></m:FolderIds></m:DeleteFolder>`,
      );
    const binned = await make('to bin');
    await deleteFolder(binned, 'MoveToDeletedItems');
    expect(await parentOf(binned)).toBe(await folderIdOf('deleteditems'));
    const soft = await make('soft folder');
    await deleteFolder(soft, 'SoftDelete');
    expect(await parentOf(soft)).toBe(await folderIdOf('recoverableitemsdeletions'));
    const hard = await make('hard folder');
    await deleteFolder(hard, 'HardDelete');
    expect(await parentOf(hard)).toBe('gone');
  });
});
